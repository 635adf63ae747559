# semicolon-separated simple statements and one-line compound statements
a = 1; b = 2; c = a + b
print('a:', a)
print('b:', b)
print('c:', c)
x = 0
for i in range(3): x += i; print("i", i)
print("x", x)
if x: print("yes"); print("still yes")
while x > 0: x -= 2
print(x)
def f(): return "one-liner"
print(f())
class K: v = 1; w = 2
print('K.v:', K.v)
print('K.w:', K.w)
print("end");
