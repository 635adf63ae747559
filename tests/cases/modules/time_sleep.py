# time: sleep with float and int arguments returns None and takes at least that long
import time
t0 = time.time()
print(time.sleep(0.01))
time.sleep(0)
time.sleep(0.02)
t1 = time.time()
print(t1 >= t0)
print(t1 - t0 >= 0.02)
print(t1 - t0 < 5)
print("done")
