# re: search finds the first match anywhere
import re
m = re.search(r"\d+", "abc 123 def 456")
print(m.group())
print(re.search(r"z", "abc"))
m = re.search(r"(\w+)@(\w+)", "mail: bob@host now")
print(m.group(0), m.groups())
print(re.search(r"^abc", "xabc"), re.search(r"abc$", "xabc").group())
print(re.search(r"b+", "aabbbcc").group())
print(re.search(r"[aeiou]", "rhythm and blues").group())
