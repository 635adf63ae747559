# builtins: reversed over list, tuple, str, range and __reversed__
print(list(reversed([1, 2, 3])), list(reversed((4, 5))), list(reversed("abc")))
print(list(reversed(range(3))), list(reversed([])))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(reversed(Seq())))
it = reversed([1, 2])
print(next(it), next(it), next(it, "end"))
