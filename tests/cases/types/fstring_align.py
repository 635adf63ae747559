# f-strings: string alignment and padding in tables
rows = [("apple", 3), ("kiwi", 12), ("banana", 100)]
for name, qty in rows:
    print(f"|{name:<8}|{qty:>5}|")
for name, qty in rows:
    print(f"|{name:>8}|{qty:<5}|")
for name, qty in rows:
    print(f"|{name:^10}|{qty:^7}|")
print(f"|{'x':-^9}|{'':*<3}|")
print(f"|{'truncate me':.4}|{'ab':>6.1}|")
