# hashlib: sha256 digests of known strings (hex via binascii), incremental update
import hashlib, binascii
def hx(h):
    return binascii.hexlify(h.digest()).decode()
print(hx(hashlib.sha256(b"")))
print(hx(hashlib.sha256(b"abc")))
h = hashlib.sha256()
h.update(b"hello ")
h.update(b"world")
print(hx(h))
print(hx(hashlib.sha256(b"hello world")) == hx(h))
print(len(hashlib.sha256(b"x").digest()))
