# str: upper/lower conversions
s = "Hello, World 123!"
print(s.upper(), s.lower())
print("".upper(), "ABC".lower(), "abc".upper())
print("MiXeD".lower() == "mixed", "MiXeD".upper() == "MIXED")
print(s)
for w in ("python", "PyThOn", "3.11", "a_b-c", "ÉCOLE"[1:]):
    print(repr(w), w.upper(), w.lower(), w.upper().isupper(), w.lower().islower())
print("x".upper() + "Y".lower())
