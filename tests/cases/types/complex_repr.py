# complex: repr/str of simple complex values
print(1j, 2j, 0j)
print(1 + 2j, 1 - 2j, -1 - 1j, 1.5 + 0.5j)
print(complex(1, 2), complex(3), complex(0, -1), complex())
print(repr(2 + 3j), str(2 + 3j))
print([1j, 1 + 1j])
print(type(1j).__name__)
