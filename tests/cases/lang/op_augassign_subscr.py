# augmented assignment on subscripts evaluates container and index once
d = {"a": 1}
d["a"] += 1
d.setdefault("b", 0)
d["b"] -= 5
print(d)
lst = [1, 2, 3]
lst[0] += 10
lst[-1] *= 7
print(lst)
calls = []
def idx(i):
    calls.append(("idx", i))
    return i
def get(container):
    calls.append("get")
    return container
get(lst)[idx(1)] += 100
print('lst:', lst)
print('calls:', calls)
m = [[0, 0], [0, 0]]
m[1][0] += 5
print(m)
class Rec:
    def __getitem__(self, k):
        print("getitem", k)
        return 1
    def __setitem__(self, k, v):
        print('setitem k:', k)
        print('setitem v:', v)
r = Rec()
r["k"] += 41
r[1, 2] += 1
