# assignment expressions (walrus) in if conditions and expressions
data = {"a": 1, "b": 0}
if (v := data.get("a")) is not None:
    print("found a", v)
if (w := data.get("z")) is None:
    print("z missing", w)
if (n := len("hello")) > 3:
    print("long", n)
print("n after", n)
def f(x):
    return (y := x * 2) + y
print(f(5))
print([y := 10, y ** 2])
z = (q := 3) + q
print('z:', z)
print('q:', q)
if not (m := 0):
    print("m falsy", m)
