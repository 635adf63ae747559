# hashlib: sha1 digests of known strings (hex via binascii)
import hashlib, binascii
print(binascii.hexlify(hashlib.sha1(b"").digest()))
print(binascii.hexlify(hashlib.sha1(b"abc").digest()))
h = hashlib.sha1()
h.update(b"The quick brown fox ")
h.update(b"jumps over the lazy dog")
print(binascii.hexlify(h.digest()))
print(len(hashlib.sha1(b"x").digest()))
