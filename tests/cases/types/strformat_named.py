# str.format: keyword fields and ** dict unpacking
print("{name} is {age}".format(name="Ann", age=30))
d = {"x": 1, "y": 2}
print("({x}, {y})".format(**d))
print("{0} and {other}".format("first", other="second"))
print("{a}{a}".format(a="z"))
try:
    "{missing}".format(a=1)
except KeyError:
    print("KeyError")
