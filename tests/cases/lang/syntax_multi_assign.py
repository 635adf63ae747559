# chained assignment targets share one object; targets assigned left to right
a = b = c = []
a.append(1)
print('a:', a)
print('b:', b)
print('c:', c)
print('a is c:', a is c)
x = y = 5
x += 1
print('x:', x)
print('y:', y)
i = 0
lst = [10, 20, 30]
i, lst[i] = 1, 99
print('i:', i)
print('lst:', lst)
d = {}
d["a"] = d["b"] = 0
print(d)
class O:
    pass
o = O()
o.p = o.q = "same"
print('o.p:', o.p)
print('o.q:', o.q)
p, q = q2, p2 = 1, 2
print('p:', p)
print('q:', q)
print('q2:', q2)
print('p2:', p2)
