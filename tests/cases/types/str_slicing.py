# str: indexing and slicing (step 1) with negative and out-of-range indices
s = "abcdefghij"
print(s[0], s[-1], s[3], s[-3])
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3])
print(s[-1:], s[:-1], s[-4:-2], s[1:-1])
print(repr(s[5:2]), repr(s[100:]), s[-100:2], s[2:100])
print(s[3:3] == "", s[10:20] == "")
try:
    s[10]
except IndexError:
    print("IndexError")
try:
    s[0] = "z"
except TypeError:
    print("TypeError immutable")
