# re: nested and optional groups, group numbering
import re
m = re.match(r"((\d+)\.(\d+))\s(\w+)", "3.14 pi")
print(m.group(0), m.group(1), m.group(2), m.group(3), m.group(4))
print(m.groups())
m = re.match(r"(\d+)(x)?(\d+)?", "12")
print(m.groups())
m = re.search(r"(ab)+(c)", "xababc")
print(m.group(0), m.group(1), m.group(2), m.groups())
date = re.match(r"(\d\d\d\d)-(\d\d)-(\d\d)", "2024-03-15")
y, mo, d = date.groups()
print(int(y), int(mo), int(d))
