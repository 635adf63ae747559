# sys.exit with an integer sets the exit status and skips the rest
import sys
print("exiting with 3")
try:
    print("inside try")
    sys.exit(3)
finally:
    print("finally before exit")
print("never printed")
