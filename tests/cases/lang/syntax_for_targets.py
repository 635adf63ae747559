# for-loop targets that are subscripts, attributes, and starred
lst = [None]
for lst[0] in range(3):
    print("lst", lst)
class O:
    pass
o = O()
for o.x in "ab":
    print("attr", o.x)
d = {}
for d["k"], d["v"] in [(1, 2), (3, 4)]:
    print("dict", d)
for a, *b in ["abc", "de"]:
    print('a:', a)
    print('b:', b)
for _ in range(2):
    pass
print("underscore", _)
