# Two threads take two locks in the same order (the fix):
# no schedule can deadlock.
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

def also_a_then_b():
    for i in range(3):
        with lock_a:
            work["a"] += 1    # a store: the scheduler may switch threads here
            with lock_b:
                done.append(i)

a = threading.Thread(target=first_a_then_b)
b = threading.Thread(target=also_a_then_b)
a.start()
b.start()
a.join()
b.join()
print("done:", len(done))
