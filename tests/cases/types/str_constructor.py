# str: str() of various objects
print(str(1), str(-2.5), str(True), str(None), str([1, "a"]), str((1,)))
print(str({"a": 1}), str(b"bytes"), str(1j))
print(str(), repr(str()), str("x"))
print(str(str), str(int))
class A:
    def __str__(self):
        return "A-str"
    def __repr__(self):
        return "A-repr"
a = A()
print(str(a), repr(a), a, [a])
print("%s %r" % (a, a))
