# str: building strings in loops and with join
parts = []
for i in range(5):
    parts.append(str(i) * i)
print(parts)
print("|".join(parts))
s = ""
for w in ("alpha", "beta", "gamma"):
    s += w[0]
print(s)
acc = ""
for i in range(100):
    acc += "x"
print(len(acc))
print(("ab" "cd"), "implicit" " concat")
t = ("multi "
     "line")
print(t)
