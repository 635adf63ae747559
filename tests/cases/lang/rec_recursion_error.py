# unbounded recursion raises RecursionError, which can be caught; the program continues
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError:
    print("RecursionError")
print(issubclass(RecursionError, RuntimeError))
def depth_reached():
    count = [0]
    def dive():
        count[0] += 1
        dive()
    try:
        dive()
    except RecursionError:
        return count[0] > 100
print("reached a reasonable depth:", depth_reached())
def after():
    return "normal calls still work"
print(after())
try:
    forever(0)
except RuntimeError:
    print("caught again as RuntimeError")
