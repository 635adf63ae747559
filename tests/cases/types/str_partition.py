# str: partition and rpartition
print("key=value=x".partition("="))
print("key=value=x".rpartition("="))
print("novalue".partition("="))
print("novalue".rpartition("="))
print("=start".partition("="), "end=".rpartition("="))
print("a--b--c".partition("--"), "a--b--c".rpartition("--"))
k, _, v = "name: weft".partition(": ")
print(k, v)
try:
    "abc".partition("")
except ValueError:
    print("ValueError")
