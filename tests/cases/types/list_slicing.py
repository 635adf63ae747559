# list: slicing with start/stop/step and negative values
l = list(range(10))
print(l[2:5], l[:3], l[7:], l[-3:], l[:-7])
print(l[::2], l[1::3], l[::-1], l[::-3], l[7:2:-2])
print(l[5:2], l[100:], l[-100:2], l[2:-2:2])
c = l[:]
c[0] = "changed"
print(l[0], c[0])
print([][:], [1][::-1])
