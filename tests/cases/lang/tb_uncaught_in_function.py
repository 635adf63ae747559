# an uncaught exception raised several calls deep ends the program with status 1
def a():
    print("in a")
    b()
def b():
    print("in b")
    return {}["missing"]
print("start")
a()
print("never printed")
