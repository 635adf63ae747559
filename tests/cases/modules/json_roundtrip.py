# json: dumps followed by loads reproduces the data
import json
data = {"name": "weft", "nums": [1, 2, 3], "nested": {"ok": True, "none": None}, "f": 1.5, "empty": []}
s = json.dumps(data)
back = json.loads(s)
print(back == data)
print(sorted(back.keys()))
print(back["nested"], back["nums"], back["f"])
for v in (0, -1, 3.25, "", "x y", [], [1, [2, [3]]], {"a": {}}, True, None):
    print(json.loads(json.dumps(v)) == v)
print(json.loads(json.dumps((1, 2))))
