# bytes: constructors from int, list, range, str+encoding, bytearray
print(bytes(3), bytes(0))
print(bytes([65, 66, 67]), bytes((0, 255)))
print(bytes(range(97, 100)))
print(bytes("héllo", "utf-8"))
print(bytes(bytearray(b"xy")), bytes(b"copy"))
print(bytes([]), bytes())
print(b"abc".decode("utf-8"), str(b"abc", "utf-8"))
