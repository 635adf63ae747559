# sys: argv is a list of str whose first element names the script
import sys
print(type(sys.argv).__name__)
print(len(sys.argv) >= 1)
print(all(isinstance(a, str) for a in sys.argv))
print(sys.argv[0].endswith("sys_argv.py"))
