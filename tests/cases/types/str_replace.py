# str: replace all, replace with count, replace empty strings
s = "one two one two one"
print(s.replace("one", "1"))
print(s.replace("one", "1", 2))
print(s.replace("two", ""))
print(s.replace("zzz", "y"))
print("aaa".replace("a", "bb"))
print("abc".replace("b", "B", 0))
print(s)
