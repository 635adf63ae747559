# helper: half of a circular import pair
import _mod_circ_b
name = "circ_a"
def a_calls_b():
    return "a -> " + _mod_circ_b.b_name()
