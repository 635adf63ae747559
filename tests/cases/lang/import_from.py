# from-import of functions, classes and values
from _mod_a import double, Thing, value
from _mod_a import (items,
                    get_value)
print(double(4), Thing("t").hello(), value, items, get_value())
