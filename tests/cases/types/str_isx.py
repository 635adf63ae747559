# str: isdigit/isalpha/isspace/isupper/islower predicates
for s in ("123", "abc", "ABC", "aBc", " \t\n", "", "a1", "12.5", "A B", "abc "):
    print(repr(s), s.isdigit(), s.isalpha(), s.isspace(), s.isupper(), s.islower())
