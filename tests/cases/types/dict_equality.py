# dict: equality ignores insertion order; values compared deeply
a = {"x": 1, "y": [1, 2]}
b = {"y": [1, 2], "x": 1}
print(a == b, a != b)
print({1: 2} == {1: 2.0}, {1: 2} == {1: 3}, {} == {})
print({"a": 1} == {"a": 1, "b": 2})
print({1: "a"} == [(1, "a")])
print({"n": {"m": [1, {"k": 2}]}} == {"n": {"m": [1, {"k": 2}]}})
print({"n": {"m": [1, {"k": 2}]}} == {"n": {"m": [1, {"k": 3}]}})
print({(1, 2): "t"} == {(1, 2): "t"}, {1: None} == {1: None}, {1: None} == {2: None})
d = {"a": 1}
e = dict(d)
print(d == e, d is e)
e["b"] = 2
print(d == e, len(d), len(e))
