# break and continue only affect the innermost loop
for i in range(3):
    for j in range(3):
        if j == 1:
            continue
        if i == 1:
            break
        print('pair i:', i)
        print('pair j:', j)
    print("after inner", i)
found = None
for i in range(5):
    for j in range(5):
        if i * j == 6:
            found = (i, j)
            break
    else:
        continue
    break
print("found", found)
i = 0
while i < 3:
    i += 1
    for c in "abc":
        if c == "b":
            break
        print('i:', i)
        print('c:', c)
    else:
        print("no break")
    if i == 2:
        continue
    print("end of while body", i)
count = 0
for a in range(4):
    for b in range(4):
        for c in range(4):
            if c > b:
                break
            if (a + b + c) % 2:
                continue
            count += 1
print("count", count)
