# arbitrary precision integer arithmetic
a = 2 ** 200
b = 3 ** 120
print(a)
print(b)
print(a + b)
print(a - b)
print(a * b)
print('a // b:', a // b)
print('a % b:', a % b)
print('-a // b:', -a // b)
print('-a % b:', -a % b)
print('a // 12345:', a // 12345)
print('a % 12345:', a % 12345)
print('a >> 190:', a >> 190)
print('a & 0xFFFF:', a & 0xFFFF)
print('(a - 1) & 0xFFFF:', (a - 1) & 0xFFFF)
f = 1
for i in range(1, 31):
    f *= i
print("30!", f)
print(int("123456789012345678901234567890") + 1)
print('a == 2 ** 200:', a == 2 ** 200)
print('a > b:', a > b)
print('-a < -b:', -a < -b)
print('str(10 ** 40):', str(10 ** 40))
print('len(str(10 ** 40)):', len(str(10 ** 40)))
print('hex(2 ** 100):', hex(2 ** 100))
print('oct(2 ** 65):', oct(2 ** 65))
print('bin(2 ** 70):', bin(2 ** 70))
print('abs(-a) == a:', abs(-a) == a)
print('divmod(a, 10 ** 30):', divmod(a, 10 ** 30))
print(pow(3, 200, 10 ** 9 + 7))
print(int(2 ** 100 / 2 ** 90))
