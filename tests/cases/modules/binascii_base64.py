# binascii: a2b_base64 / b2a_base64 encode and decode (b2a adds a newline)
import binascii
print(binascii.b2a_base64(b"hello"))
print(binascii.b2a_base64(b""), binascii.b2a_base64(b"a"), binascii.b2a_base64(b"ab"), binascii.b2a_base64(b"abc"))
print(binascii.a2b_base64(b"aGVsbG8="))
print(binascii.a2b_base64("YWJj"), binascii.a2b_base64(b"YQ=="))
data = bytes(range(0, 256, 7))
print(binascii.a2b_base64(binascii.b2a_base64(data)) == data)
print(binascii.b2a_base64(b"\xff\xfe\xfd"))
