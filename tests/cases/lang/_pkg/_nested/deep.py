# deep helper module using a parent-relative import
from .. import helpers
from ..helpers import helper_const
def deep_value():
    return "deep sees " + helper_const + " " + helpers.helper()
