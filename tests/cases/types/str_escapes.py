# str: escape sequences in literals and raw strings
print("a\tb")
print("line1\nline2")
print("quote: \" and \'")
print("backslash: \\")
print("\x41\x42", "\101", "\u00e9", "\u20ac", "\U0001F600" == chr(128512))
print(len("\n"), len(r"\n"), r"\n", r"a\tb")
print("no\
break")
print('''triple
quoted''')
print("""with "quotes" inside""")
print(len("\0"), ord("\0"))
