# re: sub with string replacements, group references and count
import re
print(re.sub(r"\d", "#", "a1b22c333"))
print(re.sub(r"\s+", " ", "too    many   spaces"))
print(re.sub(r"(\w+)=(\w+)", r"\2=\1", "a=1 b=2"))
print(re.sub(r"a", "b", "aaaa", 2))
print(re.sub(r"x", "y", "no match"))
print(re.sub(r"(\d+)", r"<\1>", "1 22 333"))
print(re.sub(r"[aeiou]", "", "programming language"))
