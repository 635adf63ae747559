# chained comparisons, evaluation order and single evaluation of middle operand
calls = []
def v(x):
    calls.append(x)
    return x
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 1)
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(3) < v(2) < v(1), calls)
calls.clear()
print(v(1) < v(5) > v(2) != v(4), calls)
x = 5
print(0 <= x < 10, 0 <= x < 5, x is x is x)
print(1 < 2 in [2, 3], 1 in [1] in [[1]])
print("a" < "b" < "c", [1] < [2] < [3])
a = [1, 2]
print(1 in a not in [[0]], a == [1, 2] != [2])
print(0 < 0.5 < 1 < 1.5)
