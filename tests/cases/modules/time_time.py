# time: time() returns a number that does not go backwards; time_ns() is an int
import time
t = time.time()
print(isinstance(t, (int, float)))
print(t > 1_000_000_000)
t2 = time.time()
print(t2 >= t)
n1 = time.time_ns()
n2 = time.time_ns()
print(type(n1).__name__, n2 >= n1, n1 > 10 ** 18)
