l = list(range(10))
l[2] = 'x'; l[-1] = 'y'
l[1:3] = [7, 8, 9]
l[::2] = list('abcdef')
print(l)
try: l[::2] = [1]
except ValueError as e: print(e)
try: l[100] = 1
except IndexError as e: print(e)
del l[0]; del l[-1]; del l[::3]
print(l)
try: del l[50]
except IndexError as e: print(e)
b = bytearray(b'hello world')
b[0] = 72; b[-1] = 68
b[1:3] = b'EE'
b[::2] = b'abcdef'
print(b)
try: b[0] = 300
except ValueError as e: print(e)
try: b[50] = 1
except IndexError as e: print(e)
try: b[::2] = b'x'
except ValueError as e: print(e)
del b[0]; del b[::2]
print(b)
try: del b[99]
except IndexError as e: print(e)
try: l['a'] = 1
except TypeError as e: print(type(e).__name__)
