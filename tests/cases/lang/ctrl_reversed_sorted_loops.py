# loops over reversed(), sorted() and enumerate() with start
for x in reversed([1, 2, 3]):
    print("rev", x)
for c in reversed("abc"):
    print("revstr", c)
for k in sorted(["pear", "apple", "fig"], key=len):
    print("bylen", k)
for i, v in enumerate(sorted([3, 1, 2], reverse=True), start=10):
    print('i:', i)
    print('v:', v)
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(reversed(Seq())))
for v in Seq():
    print("seq", v)
