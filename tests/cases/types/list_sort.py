# list: sort ints, floats, strings, tuples; reverse flag; sorted copy
l = [5, 2, 9, 1, 5, 6]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
print(sorted([3.5, 1, -2, 2.25]))
words = ["pear", "apple", "fig", "banana"]
words.sort()
print(words)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
pairs.sort()
print(pairs)
e = []
e.sort()
print(e, sorted([]), sorted("cba"))
r = l.sort()
print(r)
try:
    [1, "a"].sort()
except TypeError:
    print("TypeError")
