# an uncaught user-defined exception ends the program after finally blocks run
class Fatal(Exception):
    pass
def work():
    try:
        print("working")
        raise Fatal("stop")
    finally:
        print("finally still runs")
work()
print("never printed")
