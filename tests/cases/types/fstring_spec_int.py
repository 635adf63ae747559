# f-strings: integer format specs (width, fill, align, sign, base, #)
n = 42
print(f"[{n:5}] [{n:<5}] [{n:>5}] [{n:^5}] [{n:05}]")
print(f"[{n:*^7}] [{n:_<6}] [{n:0>4}]")
print(f"[{n:+}] [{-n:+}] [{n: }] [{-n: }]")
print(f"[{n:x}] [{n:X}] [{n:o}] [{n:b}] [{255:#x}] [{8:#o}] [{5:#b}]")
print(f"[{n:d}] [{-n:6d}] [{-n:06d}] [{-n:=6}]")
print(f"[{2 ** 70:d}] [{2 ** 70:x}]")
print(f"[{65:c}]")
