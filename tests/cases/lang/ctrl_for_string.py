# iterating over strings and bytes character by character
for ch in "héllo":
    print('ch:', ch)
    print('ord(ch):', ord(ch))
vowels = 0
for c in "programming language":
    if c in "aeiou":
        vowels += 1
print("vowels", vowels)
for b in b"AZ":
    print("byte", b)
print([c.upper() for c in "abc"])
for i, c in enumerate("xyz", 1):
    print('i:', i)
    print('c:', c)
