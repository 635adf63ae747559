# binascii: sep/bytes_per_sep, newline=False, errors (binascii.Error is a ValueError)
import binascii
print(binascii.hexlify(b"\x01\x02\x03\x04\x05", "-"), binascii.hexlify(b"\x01\x02\x03\x04\x05", b":", 2))
print(binascii.hexlify(b"\x01\x02\x03\x04\x05", " ", -2), binascii.b2a_hex(b"\xab"))
print(binascii.b2a_base64(b"hi", newline=False), binascii.a2b_hex("ABcd"))
print(issubclass(binascii.Error, ValueError))
for bad in (b"abc", b"zz", "0g"):
    try:
        binascii.unhexlify(bad)
    except binascii.Error as e:
        print("Error", e)
for bad in (b"YQ", b"Y", b"YWJj\nZGVm", b"Y!W=Jj", b"YQ==YQ=="):
    try:
        print(binascii.a2b_base64(bad))
    except binascii.Error as e:
        print("Error", e)
try:
    binascii.hexlify("str")
except TypeError as e:
    print("TypeError", e)
print(binascii.crc32(b"abc", 0xffffffff), binascii.crc32(bytearray(b"xyz")), binascii.crc32(memoryview(b"q")))
