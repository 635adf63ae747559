# circular imports work when names are used at call time
import _mod_circ_a
print(_mod_circ_a.name)
print(_mod_circ_a.a_calls_b())
import _mod_circ_b
print(_mod_circ_b.b_name())
