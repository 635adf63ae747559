# json: loads of every value kind including unicode escapes and whitespace
import json
print(json.loads("1"), json.loads("-2.5"), json.loads("1e2"), json.loads('"s"'))
print(json.loads("true"), json.loads("false"), json.loads("null"))
print(json.loads("[1, 2, [3, 4]]"), json.loads("[]"), json.loads("{}"))
d = json.loads('{"a": 1, "b": {"c": [true, null]}}')
print(d["a"], d["b"]["c"], sorted(d))
print(json.loads('"\\u00e9\\u20ac"'), json.loads('"\\n\\t\\"\\\\\\/"') == '\n\t"\\/')
print(json.loads('  { "spaced" :  [ 1 , 2 ] }  '))
print(type(json.loads("3")).__name__, type(json.loads("3.0")).__name__)
print(json.loads('"\\u0041BC"'), len(json.loads('"\\u65e5"')))
print(json.loads("12345678901234567890"))
