# collections: namedtuples in lists, sorting, as dict keys and in loops
from collections import namedtuple
Item = namedtuple("Item", ["name", "price"])
items = [Item("pen", 3), Item("book", 12), Item("cup", 5)]
for it in sorted(items, key=lambda i: i.price):
    print(it.name, it.price)
print(max(items, key=lambda i: i.price))
print(sum(i.price for i in items))
d = {Item("a", 1): "first"}
print(d[Item("a", 1)])
print([tuple(i) for i in items])
print(Item(*("x", 9)))
