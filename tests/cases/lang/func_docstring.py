# functions and classes with docstrings (docstring is not executed as output)
def f():
    """This is a docstring.

    It spans lines.
    """
    return "result"
print(f())
def g():
    'single-quoted docstring'
    x = 1
    return x
print(g())
class C:
    """Class docstring."""
    def m(self):
        """Method docstring."""
        return "m"
print(C().m())
def only_docstring():
    """Nothing else here."""
print(only_docstring())
