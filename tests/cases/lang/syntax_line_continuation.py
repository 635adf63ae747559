# explicit backslash continuation and implicit continuation in brackets
total = 1 + \
        2 + \
        3
print(total)
lst = [
    1,
    2,
    3,   # trailing comma and comment
]
print(lst)
d = {
    "a": 1,
    "b": (
        2
    ),
}
print(d)
def f(a,
      b,
      c=3):
    return a + b + c
print(f(1,
        2))
if 1 == 1 and \
   2 == 2:
    print("continued condition")
x = (1
     + 2
     * 3)
print(x)
print("a"
      "b")
