# Threads: ping-pong between two threads through two locks (hand-off latency).
import _thread

ping = _thread.allocate_lock()
pong = _thread.allocate_lock()
ping.acquire()
pong.acquire()
ROUNDS = 5000
count = [0]


def player():
    for _ in range(ROUNDS):
        ping.acquire()
        count[0] += 1
        pong.release()


_thread.start_new_thread(player, ())
for _ in range(ROUNDS):
    ping.release()
    pong.acquire()
print("checksum", count[0])
