# hashlib: hexdigest, copy, name/digest_size/block_size, md5, new()
import hashlib
h = hashlib.sha256(b"abc")
print(h.hexdigest(), h.name, h.digest_size, h.block_size)
c = h.copy()
c.update(b"def")
print(h.hexdigest() == hashlib.sha256(b"abc").hexdigest(), c.hexdigest() == hashlib.sha256(b"abcdef").hexdigest())
print(hashlib.sha1(b"abc").hexdigest(), hashlib.sha1().name, hashlib.sha1().digest_size)
print(hashlib.md5(b"").hexdigest(), hashlib.md5(b"a" * 1000).hexdigest(), hashlib.md5().block_size)
print(hashlib.new("sha256", b"x").hexdigest() == hashlib.sha256(b"x").hexdigest())
print(hashlib.sha256(bytearray(b"q")).hexdigest() == hashlib.sha256(b"q").hexdigest())
print(hashlib.sha512(b"abc").hexdigest()[:32], hashlib.sha224(b"").hexdigest())
try:
    hashlib.sha256("text")
except TypeError as e:
    print("TypeError", e)
try:
    hashlib.new("nope")
except ValueError as e:
    print("ValueError")
h = hashlib.sha256()
for i in range(100):
    h.update(bytes([i]) * i)
print(h.hexdigest())
