# list: sort and sorted are stable (equal keys keep their original order)
data = [("b", 2), ("a", 1), ("c", 2), ("d", 1), ("e", 2), ("f", 1), ("g", 3), ("h", 1)]
print(sorted(data, key=lambda t: t[1]))
print(sorted(data, key=lambda t: t[1], reverse=True))
d2 = list(data)
d2.sort(key=lambda t: t[1] % 2)
print(d2)
words = ["bb", "a", "cc", "d", "ee", "f", "gg", "h", "ii", "j", "kk", "l"]
print(sorted(words, key=len))
big = [(i % 3, i) for i in range(30)]
s = sorted(big, key=lambda t: t[0])
print(all(s[i][1] < s[i + 1][1] for i in range(len(s) - 1) if s[i][0] == s[i + 1][0]))
