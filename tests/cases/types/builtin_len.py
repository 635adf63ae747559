# builtins: len on builtin containers and user classes with __len__
print(len(""), len("abc"), len("日本"), len(b"ab"), len(bytearray(3)))
print(len([]), len([1, [2, 3]]), len(()), len((1,)), len({}), len({1: 2}), len(set()), len({1, 2}))
print(len(range(10)), len(range(0, 10, 3)), len(frozenset([1, 1])))
class L:
    def __len__(self):
        return 7
print(len(L()))
try:
    len(5)
except TypeError:
    print("TypeError")
