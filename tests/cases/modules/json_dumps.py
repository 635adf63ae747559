# json: dumps of scalars and nested structures with default separators
import json
print(json.dumps(1), json.dumps(-2.5), json.dumps("s"), json.dumps(True), json.dumps(False), json.dumps(None))
print(json.dumps([1, "two", 3.0, None, True]))
print(json.dumps({"a": 1, "b": [1, 2, {"c": None}]}))
print(json.dumps((1, 2)), json.dumps([]), json.dumps({}))
print(json.dumps('quote " and \\ backslash'))
print(json.dumps("tab\tnl\n"))
print(json.dumps([[[]]]), json.dumps({"k": {"k": {"k": 0}}}))
print(json.dumps(2 ** 70), json.dumps(0.5))
print(type(json.dumps([])).__name__)
