# break and continue inside try/finally run the finally block
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)
print("loop done", i)
def loop_return():
    for i in range(3):
        try:
            return i
        finally:
            print("finally before return", i)
print(loop_return())
n = 0
while True:
    try:
        n += 1
        if n < 3:
            continue
        break
    finally:
        print("while finally", n)
count = 0
for i in range(3):
    try:
        raise ValueError
    except ValueError:
        continue
    finally:
        count += 1
print("count", count)
for i in range(3):
    try:
        pass
    finally:
        if i == 1:
            break
print("break in finally at", i)
