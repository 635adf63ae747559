# sys: sys.exit raises SystemExit which can be caught and inspected
import sys
try:
    sys.exit(5)
except SystemExit as e:
    print("caught SystemExit", e.args)
try:
    sys.exit()
except SystemExit as e:
    print("caught no-arg", e.args)
try:
    sys.exit("message")
except SystemExit as e:
    print("caught message", e.args)
print(issubclass(SystemExit, BaseException), issubclass(SystemExit, Exception))
try:
    try:
        sys.exit(1)
    except Exception:
        print("wrongly caught by Exception")
except SystemExit:
    print("SystemExit is not an Exception")
def nested():
    try:
        sys.exit(2)
    finally:
        print("finally in nested")
try:
    nested()
except SystemExit as e:
    print("code", e.args[0])
print("still running")
