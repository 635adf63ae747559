# helper submodule of _pkg used via relative imports
helper_const = "HC"
def helper():
    return "helper()"
