# f-strings: interpolation of names, expressions and calls
name = "weft"
n = 3
print(f"hello {name}")
print(f"{n} + {n} = {n + n}")
print(f"{name.upper()} {len(name)}")
print(f"{[1, 2][1]} {'abc'[1:]} {{literal braces}}")
print(f"{n * 2}{n * 3}")
d = {"k": 42}
print(f"{d['k']}")
print(f"{'nested'}", f'{"double"}')
print(f"")
x = 1.5
print(f"{x} {x * 2} {None} {True}")
