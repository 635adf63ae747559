# stacked decorators apply bottom-up and run top-down
def deco(label):
    print("creating", label)
    def d(fn):
        print("applying", label)
        def w(*a):
            return label + "(" + fn(*a) + ")"
        return w
    return d
@deco("outer")
@deco("middle")
@deco("inner")
def base(x):
    return x
print(base("v"))
def double(fn):
    return lambda n: fn(n) * 2
def inc(fn):
    return lambda n: fn(n) + 1
@double
@inc
def ident(n):
    return n
@inc
@double
def ident2(n):
    return n
print('ident(5):', ident(5))
print('ident2(5):', ident2(5))
