# deleting global names at module level and from functions
a = 1
b = 2
del a
print('"a" in globals():', "a" in globals())
print('"b" in globals():', "b" in globals())
try:
    a
except NameError as e:
    print("a:", type(e).__name__)
def remove_b():
    global b
    del b
remove_b()
try:
    b
except NameError as e:
    print("b:", type(e).__name__)
def remove_missing():
    global never_defined
    del never_defined
try:
    remove_missing()
except NameError as e:
    print("missing:", type(e).__name__)
a = "recreated"
print(a)
