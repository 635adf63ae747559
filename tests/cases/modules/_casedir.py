# helper (not a case): directory holding the case files, without os.path
def here():
    f = __file__
    if "/" in f:
        return f.rsplit("/", 1)[0]
    return "."
