# chained comparisons, evaluation order and single evaluation of middle operand
calls = []
def v(x):
    calls.append(x)
    return x
print('1 < 2 < 3:', 1 < 2 < 3)
print('1 < 3 < 2:', 1 < 3 < 2)
print('3 > 2 > 1:', 3 > 2 > 1)
print('1 == 1 == 1:', 1 == 1 == 1)
print('1 == 1 != 1:', 1 == 1 != 1)
print('v(1) < v(2) < v(3):', v(1) < v(2) < v(3))
print('calls:', calls)
calls.clear()
print('v(3) < v(2) < v(1):', v(3) < v(2) < v(1))
print('calls:', calls)
calls.clear()
print('v(1) < v(5) > v(2) != v(4):', v(1) < v(5) > v(2) != v(4))
print('calls:', calls)
x = 5
print('0 <= x < 10:', 0 <= x < 10)
print('0 <= x < 5:', 0 <= x < 5)
print('x is x is x:', x is x is x)
print('1 < 2 in [2, 3]:', 1 < 2 in [2, 3])
print('1 in [1] in [[1]]:', 1 in [1] in [[1]])
print('"a" < "b" < "c":', "a" < "b" < "c")
print('[1] < [2] < [3]:', [1] < [2] < [3])
a = [1, 2]
print('1 in a not in [[0]]:', 1 in a not in [[0]])
print('a == [1, 2] != [2]:', a == [1, 2] != [2])
print(0 < 0.5 < 1 < 1.5)
