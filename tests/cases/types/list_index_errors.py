# list: IndexError on bad index, ValueError from index(), TypeError on bad index type
l = [10, 20, 30]
for i in (3, -4, 100):
    try:
        l[i]
    except IndexError:
        print("IndexError", i)
try:
    l[5] = 1
except IndexError:
    print("IndexError assign")
try:
    l.index(99)
except ValueError:
    print("ValueError index")
try:
    l["a"]
except TypeError:
    print("TypeError")
print(l[-3], l[2])
