# str: find/rfind with start and end arguments
s = "hello world, hello"
print(s.find("hello"), s.rfind("hello"))
print(s.find("o"), s.rfind("o"))
print(s.find("xyz"), s.rfind("xyz"))
print(s.find("hello", 1), s.find("o", 5, 8), s.find("o", 5, 7))
print(s.rfind("o", 0, 10), s.rfind("l", 0, 4))
print(s.find(""), s.rfind(""), s.find("", 3))
print(s.find("h", -5), s.find("d", -10))
print("aaaa".find("aa"), "aaaa".rfind("aa"))
