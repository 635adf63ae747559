# str: iterating over strings, enumerate, reversed, list()
for c in "abc":
    print(c)
for i, c in enumerate("xyz"):
    print(i, c)
print(list(reversed("hello")))
print(list("hi"), tuple("hi"))
it = iter("ab")
print(next(it), next(it), next(it, "done"))
print([c.upper() for c in "abc" if c != "b"])
