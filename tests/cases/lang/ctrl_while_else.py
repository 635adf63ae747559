# while loops with else clauses: else runs only without break
i = 0
while i < 3:
    print("loop", i)
    i += 1
else:
    print("else ran, i =", i)
i = 0
while i < 10:
    if i == 2:
        print("breaking at", i)
        break
    i += 1
else:
    print("should not print")
while False:
    print("never")
else:
    print("else on zero iterations")
n = 0
while True:
    n += 1
    if n % 2:
        continue
    if n > 6:
        break
    print("even", n)
print("done", n)
def find(seq, target):
    i = 0
    while i < len(seq):
        if seq[i] == target:
            break
        i += 1
    else:
        return -1
    return i
print('find("abcd", "c"):', find("abcd", "c"))
print('find("abcd", "z"):', find("abcd", "z"))
