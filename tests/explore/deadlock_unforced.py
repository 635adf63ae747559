# Two threads take two locks in opposite order, with nothing forcing the bad order:
# most schedules finish, a few deadlock (A holds lock_a and waits for lock_b while B
# holds lock_b and waits for lock_a). `weft explore` finds one of the few.
import threading

lock_a = threading.Lock()
lock_b = threading.Lock()
done = []
work = {"a": 0, "b": 0}

def first_a_then_b():
    for i in range(3):
        with lock_a:
            work["a"] += 1    # a store: the scheduler may switch threads here
            with lock_b:
                done.append(i)

def first_b_then_a():
    for i in range(3):
        with lock_b:
            work["b"] += 1    # a store: the scheduler may switch threads here
            with lock_a:
                done.append(i)

a = threading.Thread(target=first_a_then_b)
b = threading.Thread(target=first_b_then_a)
a.start()
b.start()
a.join()
b.join()
print("done:", len(done))
