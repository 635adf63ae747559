# json: indent, separators, sort_keys, default, ensure_ascii, dump/load, errors, hooks
import json, io
d = {"b": [1, 2, {"c": None}], "a": "x", "e": {}, "f": []}
print(json.dumps(d, indent=2))
print(json.dumps(d, indent="\t", sort_keys=True))
print(json.dumps(d, separators=(",", ":")), json.dumps([1, [2]], indent=0))
print(json.dumps({3: 1, 1.5: 2, True: 3, None: 4}), json.dumps({"k": 1}, sort_keys=True))
print(json.dumps("caf\u00e9 \u65e5 \U0001f600 \x01"), json.dumps("caf\u00e9", ensure_ascii=False))
print(json.dumps([float("inf"), float("-inf"), float("nan"), 1e100, 1e-7, 0.1, -0.0]))
class C:
    pass
print(json.dumps({"c": C()}, default=lambda o: "C!"))
for bad in (C(), {(1, 2): 3}, {1, 2}, b"x"):
    try:
        json.dumps(bad)
    except TypeError as e:
        print("TypeError", e)
print(json.dumps({(1, 2): 3, "a": 1}, skipkeys=True))
try:
    json.dumps([float("nan")], allow_nan=False)
except ValueError as e:
    print("ValueError", e)
l = []
l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print("ValueError", e)
f = io.StringIO()
json.dump({"x": [1, 2]}, f)
print(f.getvalue())
print(json.load(io.StringIO('{"y": [true, 2.5]}')))
print(json.loads(b'[1, "\\u00e9"]'), json.loads('"\\ud83d\\ude00"') == "\U0001f600")
print(json.loads('[NaN, Infinity, -Infinity, -0, 0.5e1, 1E-2, -12]'))
print(json.loads('{"a": 1, "a": 2}'), json.loads('{"a": {"b": 1}}', object_hook=lambda o: sorted(o)))
print(json.loads('[1.5, 2]', parse_float=str, parse_int=float))
print(json.loads('{"x": 1, "y": 2}', object_pairs_hook=lambda p: p))
for bad in ('[1,]', '{"a" 1}', '{"a": 1,}', '{1: 2}', '"abc', '"a\\qb"', '"\\u12"', '"a\x01"', '[1 2]', '01', '-', '1.', 'nulll', '\ufeff1', '  ', '[1]\n]'):
    try:
        json.loads(bad)
        print("parsed", repr(bad))
    except json.JSONDecodeError as e:
        print("JSONDecodeError", e, e.pos, e.lineno, e.colno, e.msg)
print(issubclass(json.JSONDecodeError, ValueError))
try:
    json.loads("[" * 100000)
except RecursionError:
    print("RecursionError")
try:
    json.loads("[" * 100000 + "]" * 100000)
except RecursionError:
    print("RecursionError")
x = []
for i in range(5000):
    x = [x]
try:
    json.dumps(x)
except RecursionError:
    print("RecursionError")
print(json.loads('["\\"\\\\\\/\\b\\f\\n\\r\\t"]') == ['"\\/\b\f\n\r\t'])
print(json.dumps(12345678901234567890123), json.loads("-12345678901234567890123"))
