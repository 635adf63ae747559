# json: loads decodes \u escapes to str; dumps of ASCII text round-trips
import json
s = json.loads('"caf\\u00e9 \\u65e5\\u672c"')
print(s, len(s))
print(json.loads('["\\u0061", "\\u00df"]'))
print(json.loads('{"k\\u00e9y": 1}'))
print(json.dumps("plain ascii"), json.loads(json.dumps("plain ascii")))
