# collections: OrderedDict keeps insertion order and supports dict operations
from collections import OrderedDict
od = OrderedDict()
od["z"] = 1
od["a"] = 2
od["m"] = 3
print(list(od.keys()), list(od.values()))
print(list(od.items()))
od["a"] = 20
print(list(od.items()))
del od["z"]
od["z"] = 9
print(list(od))
print(od["m"], "a" in od, len(od), od.get("q", "none"))
od2 = OrderedDict([("x", 1), ("y", 2)])
print(list(od2.items()), od2.pop("x"), list(od2))
print(isinstance(od, dict))
