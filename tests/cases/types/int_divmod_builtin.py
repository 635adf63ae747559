# int: builtin divmod with ints and floats
print(divmod(17, 5))
print(divmod(-17, 5))
print(divmod(17, -5))
print(divmod(0, 3))
print(divmod(2 ** 70, 10))
print(divmod(7.5, 2))
print(divmod(-7.5, 2))
print(divmod(7, 0.5))
try:
    divmod(1, 0)
except ZeroDivisionError:
    print("ZeroDivisionError")
try:
    divmod(1.0, 0.0)
except ZeroDivisionError:
    print("ZeroDivisionError float")
