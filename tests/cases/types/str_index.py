# str: index/rindex return positions or raise ValueError
s = "abcabc"
print(s.index("b"), s.rindex("b"), s.index("c", 3), s.rindex("a", 0, 3))
for sub in ("x", "cb"):
    try:
        s.index(sub)
    except ValueError:
        print("ValueError index", sub)
try:
    s.rindex("z")
except ValueError:
    print("ValueError rindex")
path = "dir/sub/file.tar.gz"
print(path.index("/"), path.rindex("/"), path[path.rindex("/") + 1:])
print(path.index("."), path.rindex("."), path[:path.index(".")])
print(path.index("sub", 2), path.rindex("r", 0, 5))
