# re: greedy and lazy quantifiers * + ? *? +? ??
import re
s = "<a><b><c>"
print(re.match(r"<.*>", s).group(), re.match(r"<.*?>", s).group())
print(re.match(r"a+", "aaab").group(), re.match(r"a+?", "aaab").group())
print(re.match(r"ab?", "abbb").group(), re.match(r"ab??", "abbb").group())
print(re.match(r"a*", "bbb").group() == "")
print(re.search(r"\d+?\d", "12345").group())
print(re.match(r"(ab)+", "ababab!").group())
print(re.match(r"(a|b)*c", "abbac").group())
