# sys: sys.stdout.write writes text without adding a newline
import sys
sys.stdout.write("hello")
sys.stdout.write(" world\n")
sys.stdout.write("")
sys.stdout.write("a\nb\n")
print("print after write")
sys.stdout.write("%d items\n" % 3)
n = sys.stdout.write("xyz\n")
print(n)
