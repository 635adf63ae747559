# skip-cpython
# re: catastrophic backtracking raises RuntimeError (Weft's step limit) instead of hanging;
# hostile patterns are rejected cleanly
import re
try:
    re.search(r"(a+)+$", "a" * 40 + "b")
except RuntimeError as e:
    print("RuntimeError")
try:
    re.compile("(" * 1000 + ")" * 1000)
except re.error as e:
    print("error", e.msg)
try:
    re.compile("((ab){1000}){1000}")
except re.error as e:
    print("error", e.msg)
print(re.match(r"(?:a|b)*c", "ab" * 100000 + "c").end())
print(len(re.findall(r"\w+", "word " * 100000)))
