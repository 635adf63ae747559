# complex: .real, .imag, abs and conjugate-free properties
z = 3 + 4j
print(z.real, z.imag, abs(z))
print(type(z.real).__name__, type(z.imag).__name__)
print((1j).real, (1j).imag, (5 + 0j).imag)
print(abs(-5j), abs(0j))
w = complex(2.5, -1.5)
print(w.real, w.imag)
print(bool(0j), bool(1j))
