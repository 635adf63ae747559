# a failing assert at top level ends the program with status 1
total = sum(range(5))
print("total", total)
assert total == 10, "this holds"
print("first assert passed")
assert total == 11, "this fails"
print("never printed")
