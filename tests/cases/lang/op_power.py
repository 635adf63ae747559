# power operator: precedence, negative exponents, 3-arg pow, right associativity
print('2 ** 10:', 2 ** 10)
print('(-2) ** 3:', (-2) ** 3)
print('-2 ** 2:', -2 ** 2)
print('(-2) ** 2:', (-2) ** 2)
print('2 ** 3 ** 2:', 2 ** 3 ** 2)
print('(2 ** 3) ** 2:', (2 ** 3) ** 2)
print('2 ** -2:', 2 ** -2)
print('10 ** -1 * 10:', 10 ** -1 * 10)
print('0 ** 0:', 0 ** 0)
print('1 ** 1000:', 1 ** 1000)
print('0 ** 5:', 0 ** 5)
print('pow(2, 10):', pow(2, 10))
print('pow(3, 4, 5):', pow(3, 4, 5))
print('pow(7, 0, 3):', pow(7, 0, 3))
print(pow(2, 100, 1000000007))
print(2 ** 100)
print(3 ** 40)
print((-3) ** 41)
x = 3
x **= 3
print("augmented", x)
print('-x ** 2:', -x ** 2)
print('(-x) ** 2:', (-x) ** 2)
print('2.0 ** 10:', 2.0 ** 10)
print('9 ** 0.5:', 9 ** 0.5)
print('2 ** 0.5 * 2 ** 0.5 > 1.99:', 2 ** 0.5 * 2 ** 0.5 > 1.99)
print('type(2 ** 2).__name__:', type(2 ** 2).__name__)
print('type(2 ** -1).__name__:', type(2 ** -1).__name__)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("0**-1:", type(e).__name__)
