# f-string format specs, including nested replacement fields in the spec
x = 3.14159
n = 42
print(f"{x:.2f} {x:10.3f}| {x:<10.1f}| {n:05d} {n:>6} {n:<6}| {n:^7}|")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#b}")
print(f"{-n:+d} {n:+d} {n:=+6d}")
width, prec = 12, 3
print(f"{x:{width}.{prec}f}|")
print(f"{'left':<{width}}|{'right':>{width}}|")
fill = "*"
print(f"{'mid':{fill}^{width}}")
for w in range(3, 6):
    print(f"{n:{w}}|")
print(f"{'abc':.2}", f"{'s':3}|")
