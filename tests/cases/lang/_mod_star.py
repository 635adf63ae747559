# helper module for star-import
public_a = "A"
public_b = "B"
_private_c = "C"
def public_func():
    return "public func"
