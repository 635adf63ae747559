# helper submodule of _pkg
from . import helpers
from .helpers import helper_const as HC
def sub_func():
    return "sub_func uses " + helpers.helper() + " and " + HC
