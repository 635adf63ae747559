# from module import * brings in public names only
from _mod_star import *
print('public_a:', public_a)
print('public_b:', public_b)
print('public_func():', public_func())
try:
    _private_c
except NameError as e:
    print("underscore name not imported:", type(e).__name__)
