# str: membership, repetition, concatenation and comparisons
print("ell" in "hello", "xyz" in "hello", "" in "abc", "a" not in "bcd")
print("ab" * 3, 3 * "ab", "x" * 0, repr("x" * -1))
print("foo" + "bar", "a" + "" + "b")
print("abc" < "abd", "abc" < "ab", "B" < "a", "" < "a")
print("abc" == "abc", "abc" != "ABC", "a" <= "a", "b" >= "c")
print(sorted(["pear", "Apple", "banana", "apple"]))
print(max("hello"), min("hello"))
s = "ab"
s += "cd"
s *= 2
print(s)
try:
    "a" + 1
except TypeError:
    print("TypeError")
