# nested f-strings and f-strings inside expressions and comprehensions
a = 5
print(f"outer {f'inner {a}'} done")
print(f"{f'{a * 2}' + '!'}")
words = ["x", "y"]
print(f"{', '.join(f'<{w}>' for w in words)}")
print([f"{i}:{i * i}" for i in range(3)])
print(f"{'yes' if a > 3 else 'no'}")
print(f"{(lambda v: v + 1)(a)}")
print(f"{ {'k': a}['k'] }")
print(f"""triple {a}
second line {a + 1}""")
print(f"{a}" f"{a}" "plain" f"{a}")
