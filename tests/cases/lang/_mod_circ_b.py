# helper: other half of a circular import pair
import _mod_circ_a
def b_name():
    return "b (a is " + _mod_circ_a.name + ")"
