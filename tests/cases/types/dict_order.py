# dict: iteration follows insertion order; re-assigning keeps position
d = {}
for k in ("zebra", "apple", "mango", "kiwi", "banana"):
    d[k] = len(k)
print(list(d))
print(d)
d["apple"] = 0
print(list(d.items()))
del d["mango"]
d["mango"] = 9
print(list(d.keys()))
print(list(d.values()))
n = {i * 7 % 11: i for i in range(11)}
print(list(n))
