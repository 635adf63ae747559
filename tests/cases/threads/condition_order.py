# threads take turns in a fixed order through a Condition and a shared counter
import threading
cond = threading.Condition()
turn = [0]
out = []
N, ROUNDS = 4, 5
def player(i):
    for r in range(ROUNDS):
        with cond:
            while turn[0] % N != i:
                cond.wait()
            out.append("%d:%d" % (r, i))
            turn[0] += 1
            cond.notify_all()
ts = [threading.Thread(target=player, args=(i,)) for i in reversed(range(N))]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(" ".join(out))
print(turn[0])
