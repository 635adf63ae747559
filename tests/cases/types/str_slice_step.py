# str: slicing with explicit steps (positive and negative), incl. non-ASCII
s = "abcdefghij"
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-2])
print(s[2:8:3], s[-1:-5:-1], s[::3], s[::-3], s[5::-1])
print(repr(s[2:8:-1]), s[::1] == s)
u = "héllo wörld"
print(u[::-1], u[::2], u[1::3])
print("racecar"[::-1] == "racecar")
