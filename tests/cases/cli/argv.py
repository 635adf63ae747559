# sys.argv when a case is run as `weft argv.py` from its folder
import sys

print(sys.argv)
print(len(sys.argv))
