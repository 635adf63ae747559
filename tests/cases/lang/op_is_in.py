# identity (is / is not) and membership (in / not in) across containers
a = [1, 2, 3]
b = a
c = [1, 2, 3]
print(a is b, a is c, a == c, a is not c)
print(None is None, True is True, (x := None) is None)
print(2 in a, 5 in a, 5 not in a)
print("ell" in "hello", "" in "abc", "z" in "abc")
print(1 in {1: "a"}, "a" in {1: "a"})
print(3 in (1, 2, 3), 3 in {3, 4}, 4 in range(5), 5 in range(5), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(b"b" in b"abc", 98 in b"abc")
print([1] in [[1], [2]], (1,) in [(1,)])
print(1.0 in [1], True in [1])
class Never:
    def __eq__(self, other):
        return False
n = Never()
print(n in [n], n == n)
nan = float("nan")
print(nan in [nan], nan == nan)
