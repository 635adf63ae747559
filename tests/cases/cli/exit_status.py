# sys.exit with a number sets the process exit status; output before it is kept
import sys

print("before")
sys.exit(3)
print("not reached")
