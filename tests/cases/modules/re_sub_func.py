# re: sub with a function replacement receiving match objects
import re
def double(m):
    return str(int(m.group(0)) * 2)
print(re.sub(r"\d+", double, "1 plus 20 is 21"))
print(re.sub(r"[a-z]+", lambda m: m.group(0).upper(), "abc 12 def"))
print(re.sub(r"(\w)(\w*)", lambda m: m.group(2) + m.group(1) + "ay", "pig latin"))
calls = []
re.sub(r"\w", lambda m: calls.append(m.group()) or "", "xyz")
print(calls)
