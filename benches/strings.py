# String operations: join, split, format, %, f-strings, slicing, find/replace, case.


def build(n):
    parts = []
    for i in range(n):
        parts.append("item%d" % i)
    s = ",".join(parts)
    fields = s.split(",")
    return len(s), len(fields), fields[n // 2]


def formatting(n):
    total = 0
    for i in range(n):
        a = "{}:{:>6}|{:<4}".format(i, i * 3, i % 10)
        b = f"{i:05d}-{i * 0.5:.2f}-{'x' * (i % 4)}"
        c = "%s=%04x" % ("k", i)
        total += len(a) + len(b) + len(c)
    return total


def slicing(n):
    text = "The quick brown fox jumps over the lazy dog. " * 20
    acc = 0
    for i in range(n):
        j = i % (len(text) - 10)
        chunk = text[j : j + 10]
        acc += len(chunk[::-1]) + chunk.find("o") + text.count("o", j, j + 40)
        if chunk.startswith("The"):
            acc += 1
    return acc


def transforms(n):
    s = "Hello, World! "
    acc = 0
    for i in range(n):
        t = (s * 3).replace("World", str(i)).upper().lower().strip()
        acc += len(t) + len(t.split()) + (1 if "hello" in t else 0)
    return acc


print("build", build(300000))
print("format", formatting(120000))
print("slice", slicing(150000))
print("transform", transforms(120000))
