# dict: get with defaults and setdefault
d = {"a": 1}
print(d.get("a"), d.get("b"), d.get("b", 0))
print(d.setdefault("a", 99), d.setdefault("c", 3), d.setdefault("d"))
print(sorted(d.items(), key=lambda kv: kv[0]))
groups = {}
for w in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(w[0], []).append(w)
print(groups)
