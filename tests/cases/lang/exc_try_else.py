# else runs only when the try body raised nothing; exceptions in else are not caught by the same try
def f(x):
    try:
        r = 10 // x
    except ZeroDivisionError:
        print("except branch")
        return "handled"
    else:
        print("else branch", r)
        return "ok"
print(f(2))
print(f(0))
try:
    try:
        pass
    except ValueError:
        print("not here")
    else:
        raise ValueError("from else")
except ValueError as e:
    print("outer got", e)
for i in range(2):
    try:
        if i:
            raise KeyError(i)
    except KeyError:
        print("caught", i)
    else:
        print("no exception", i)
