# for loops with else clauses, break, continue and empty iterables
for i in range(3):
    print("i", i)
else:
    print("completed")
for i in range(5):
    if i == 3:
        break
else:
    print("not printed")
print("broke at", i)
for x in []:
    print("never")
else:
    print("empty else")
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        return True
    return False
print([n for n in range(30) if is_prime(n)])
for i in range(4):
    if i % 2:
        continue
    print("even", i)
else:
    print("else after continue", i)
