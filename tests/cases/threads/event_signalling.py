# ping-pong between two threads with two Events: prints come out strictly alternated
import threading
ping, pong = threading.Event(), threading.Event()
out = []
def player(mine, other, word, n):
    for i in range(n):
        mine.wait()
        mine.clear()
        out.append("%s %d" % (word, i))
        other.set()
a = threading.Thread(target=player, args=(ping, pong, "ping", 5))
b = threading.Thread(target=player, args=(pong, ping, "pong", 5))
a.start(); b.start()
ping.set()
a.join(); b.join()
print("\n".join(out))
# a start gun: workers wait on one Event
gun = threading.Event()
ready = threading.Semaphore(0)
lock = threading.Lock()
started = []
def runner(i):
    ready.release()
    gun.wait()
    with lock:
        started.append(i)
ts = [threading.Thread(target=runner, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for _ in ts:
    ready.acquire()
print(len(started))
gun.set()
for t in ts:
    t.join()
print(sorted(started))
