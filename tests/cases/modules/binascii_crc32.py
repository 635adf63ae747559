# binascii: crc32 of known inputs, and incremental crc32
import binascii
print(binascii.crc32(b"hello"))
print(binascii.crc32(b""), binascii.crc32(b"a"))
print(binascii.crc32(b"The quick brown fox jumps over the lazy dog"))
part = binascii.crc32(b"hello ")
print(binascii.crc32(b"world", part) == binascii.crc32(b"hello world"))
print(hex(binascii.crc32(b"123456789")))
