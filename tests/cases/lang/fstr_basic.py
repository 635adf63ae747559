# f-string interpolation of names, expressions, calls, attributes and subscripts
name = "world"
n = 7
print(f"hello {name}")
print(f"{n} squared is {n * n}")
print(f"{name.upper()} has {len(name)} letters")
d = {"key": "value", 1: "one"}
lst = [10, 20, 30]
print(f"{d['key']} {d[1]} {lst[-1]} {lst[0:2]}")
class P:
    x = 3
print(f"attr {P.x} {P().x + 1}")
print(f"{'nested quotes'} {'a' if False else 'b'}")
print(F"capital F {n}", rf"raw \n {n}", fr"{n} raw \t")
print(f"{n}{n}{n}", f"", f"{{}}")
print(f"{None} {True} {[1, 2]} {(1,)} {{'a': 1}}")
