import array
a = array.array('i', [1, 2])
b = a
a += array.array('i', [3])
print(a, a is b)
try:
    a += array.array('f', [1.0])
except TypeError as e:
    print("TypeError")
