# binascii: hexlify / unhexlify round trips
import binascii
print(binascii.hexlify(b"\x00\x01\xab\xff"))
print(binascii.hexlify(b"hello"), binascii.hexlify(b""))
print(binascii.unhexlify(b"48656c6c6f"), binascii.unhexlify("00ff"))
print(binascii.unhexlify(binascii.hexlify(bytes(range(10)))) == bytes(range(10)))
print(binascii.unhexlify(b"ABCDEF") == b"\xab\xcd\xef")
try:
    binascii.unhexlify(b"abc")
except ValueError:
    print("ValueError odd length")
