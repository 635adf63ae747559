# sys: sys.exit() without argument exits with status 0 and stops the program
import sys
print("start")
try:
    print("in try")
finally:
    print("finally runs")
sys.exit()
print("not reached")
