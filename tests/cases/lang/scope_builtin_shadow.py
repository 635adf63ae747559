# shadowing builtins locally and globally, and restoring them
def local_shadow():
    len = lambda x: "fake len"
    return len([1, 2])
print('local_shadow():', local_shadow())
print('len([1, 2]):', len([1, 2]))
list = "not a list"
print(list)
try:
    list((1, 2))
except TypeError as e:
    print("shadowed:", type(e).__name__)
del list
print(list((1, 2)))
def param_shadow(str):
    return str * 2
print('param_shadow(21):', param_shadow(21))
print('str(21):', str(21))
import builtins
print('builtins.max(3, 7):', builtins.max(3, 7))
print('builtins.len("four"):', builtins.len("four"))
max = min
print(max(3, 7))
del max
print(max(3, 7))
