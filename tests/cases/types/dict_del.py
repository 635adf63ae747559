# dict: del of keys, deleting collected keys after iteration
d = {i: i * i for i in range(8)}
del d[0]
print(d)
to_remove = [k for k in d if k % 2 == 0]
for k in to_remove:
    del d[k]
print(d, len(d))
for k in list(d):
    if k > 3:
        del d[k]
print(d)
d.clear()
d["new"] = 1
print(d)
