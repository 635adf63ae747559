# re: anchors ^ $ and alternation |
import re
for s in ("cat", "dog", "bird", "concat", "cats"):
    print(s, bool(re.match(r"^(cat|dog)$", s)))
print(re.search(r"^\w+", "first second").group(), re.search(r"\w+$", "first second").group())
print(re.search(r"red|green|blue", "the green one").group())
print(re.sub(r"cat|dog", "pet", "cat and dog and cow"))
