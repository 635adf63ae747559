# from-import of functions, classes and values
from _mod_a import double, Thing, value
from _mod_a import (items,
                    get_value)
print('double(4):', double(4))
print('Thing("t").hello():', Thing("t").hello())
print('value:', value)
print('items:', items)
print('get_value():', get_value())
