# bytes: decode/find/rfind/index/count/split/join/replace/strip/startswith/endswith
b = b"hello world hello"
print(b.decode(), b.find(b"o"), b.rfind(b"o"), b.find(b"zz"), b.index(b"world"))
print(b.count(b"l"), b.count(b"hello"))
print(b.split(), b.split(b"o"), b.split(b" ", 1))
print(b"a,b,c".rsplit(b",", 1))
print(b"-".join([b"x", b"y", b"z"]), b"".join([]))
print(b.replace(b"hello", b"bye"), b.replace(b"l", b"L", 2))
print(b"  pad  ".strip(), b"xxaxx".strip(b"x"), b"  l".lstrip(), b"r  ".rstrip())
print(b.startswith(b"hell"), b.endswith(b"llo"), b.startswith(b"world"))
print(b"k=v".partition(b"="), b"ABC".lower(), b"abc".upper())
print(b"123".isdigit(), b"abc".isalpha(), b" ".isspace())
try:
    b.index(b"zz")
except ValueError:
    print("ValueError")
