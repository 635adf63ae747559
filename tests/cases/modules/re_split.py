# re: split on patterns, with maxsplit
import re
print(re.split(r",", "a,b,c"))
print(re.split(r"\s+", "one  two   three"))
print(re.split(r"[,;]", "a,b;c,d"))
print(re.split(r",", "a,b,c,d", 2))
print(re.split(r"x", "no x here x"))
print(re.split(r"\d+", "a1b22c333d"))
