# escapes, braces and unicode in f-strings
v = 1
print(f"{{v}} is {v}")
print(f"{{{v}}}")
print(f"tab\t{v}\tnewline-escaped\\n")
print(f"\u00e9{v}\x41")
print(f"{v}}}" if True else "")
print(f"{'%d' % v} {'%s' % 'pct'}")
print(f"{v!r:}")
