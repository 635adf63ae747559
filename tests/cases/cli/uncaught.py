# an uncaught exception: stdout so far is kept, the traceback goes to stderr, status 1
def f(x):
    return 10 // x


print(f(2))
print(f(0))
