# sys: an uncaught exception ends the program with exit status 1 after earlier output
print("line before error")
def fail():
    raise ValueError("boom")
fail()
print("not reached")
