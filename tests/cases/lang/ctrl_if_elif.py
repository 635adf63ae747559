# if / elif / else chains, nesting and truthiness of conditions
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for n in (-5, 0, 3, 42, 1000):
    print('n:', n)
    print('classify(n):', classify(n))
def nested(a, b):
    if a:
        if b:
            return "both"
        else:
            return "a only"
    else:
        if b:
            return "b only"
    return "neither"
for a in (0, 1):
    for b in ("", "x"):
        print('a:', a)
        print('repr(b):', repr(b))
        print('nested(a, b):', nested(a, b))
if []:
    print("bad")
elif {}:
    print("bad")
elif "0":
    print("non-empty string is true")
x = 5
if x > 1:
    if x > 3:
        if x > 4:
            print("deep", x)
