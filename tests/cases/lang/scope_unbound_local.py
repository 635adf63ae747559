# assigning to a name anywhere in a function makes it local everywhere in it
count = 10
def bad():
    print("before")
    count += 1
    return count
try:
    bad()
except UnboundLocalError as e:
    print('type(e).__name__:', type(e).__name__)
    print('issubclass(UnboundLocalError, NameError):', issubclass(UnboundLocalError, NameError))
def read_then_assign():
    try:
        v = count
    except NameError as e:
        v = type(e).__name__
    count = 5
    return v
print(read_then_assign())
def conditional(flag):
    if flag:
        z = "set"
    return z
print(conditional(True))
try:
    conditional(False)
except UnboundLocalError as e:
    print("conditional:", type(e).__name__)
def outer():
    v = 1
    def inner():
        v = v + 1
        return v
    return inner
try:
    outer()()
except UnboundLocalError as e:
    print("closure shadow:", type(e).__name__)
