# bytearray: mutation via index, append, extend, len, iteration
ba = bytearray(b"abc")
print(ba, len(ba), ba[0])
ba[0] = 65
print(ba)
ba.append(100)
print(ba)
ba.extend(b"ef")
ba.extend([103, 104])
print(ba, len(ba))
ba[-1] = 0x5A
print(ba, ba[-1])
print(list(ba[:3]), bytes(ba))
print(b"A" in ba, 66 in ba)
try:
    ba[50]
except IndexError:
    print("IndexError")
ba2 = ba
ba2.append(33)
print(ba is ba2, ba)
print(ba.decode())
