# comprehensions in class bodies: the outermost iterable can use class names
class Config:
    names = ["a", "b", "c"]
    upper = [n.upper() for n in names]
    index = {n: i for i, n in enumerate(names)}
    count = len([1 for _ in range(4)])
print('Config.upper:', Config.upper)
print('Config.index:', Config.index)
print('Config.count:', Config.count)
class Table:
    size = 3
    rows = list(range(size))
    squares = [r * r for r in rows]
print(Table.squares)
