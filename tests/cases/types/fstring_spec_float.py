# f-strings: float format specs (precision, f/e/g/%, width, sign)
x = 3.14159
print(f"[{x:.2f}] [{x:8.3f}] [{x:<8.1f}] [{x:^9.2f}] [{x:08.2f}]")
print(f"[{-x:.1f}] [{x:+.2f}] [{x: .2f}]")
print(f"[{x:e}] [{x:.2e}] [{1234.5:E}]")
print(f"[{x:g}] [{0.00001:g}] [{1e10:g}]")
print(f"[{0.125:.1%}] [{1.0:.0f}] [{1.875:.2f}]")
print(f"[{1e3:.1f}] [{-0.5:.1f}]")
