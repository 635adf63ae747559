# sys.exit(0) and SystemExit with None exit with status 0 after output
import sys
print("about to exit cleanly")
sys.exit(0)
print("never printed")
