# assignment to subscripts, attributes and slices, with evaluation order
order = []
class T:
    def __setitem__(self, k, v):
        order.append(("set", k, v))
def val(x):
    order.append(("val", x))
    return x
t = T()
t[val("k")] = val("v")
print(order)
lst = [0, 0, 0]
lst[1] = lst[2] = 7
print(lst)
lst[0:2] = ["a", "b", "c"]
print(lst)
lst[1:1] = [9]
print(lst)
lst[:] = []
print(lst)
m = list(range(6))
m[::2] = ["x", "y", "z"]
print(m)
class O:
    pass
o = O()
o.a = O()
o.a.b = [1, 2]
o.a.b[0] = "first"
print(o.a.b)
d = {}
d[1, 2] = "tuple key"
d[(3,)] = "one"
print(d)
try:
    m[::2] = [1]
except ValueError as e:
    print("extended slice size:", type(e).__name__)
