# str: join over lists, tuples, generators and strings
print(",".join(["a", "b", "c"]))
print("".join(("x", "y")))
print(" - ".join(str(i) for i in range(4)))
print("-".join("abc"))
print("|".join([]))
print("+".join(["only"]))
print(", ".join(sorted({"b": 1, "a": 2})))
try:
    ",".join(["a", 1])
except TypeError:
    print("TypeError")
