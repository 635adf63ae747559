# skip-cpython
# time: MicroPython ticks_ms/ticks_us/ticks_diff/ticks_add and sleep_ms/sleep_us
import time
t0 = time.ticks_ms()
time.sleep_ms(20)
t1 = time.ticks_ms()
d = time.ticks_diff(t1, t0)
print(d >= 20, d < 5000)
u0 = time.ticks_us()
time.sleep_us(1000)
print(time.ticks_diff(time.ticks_us(), u0) >= 1000)
print(time.ticks_diff(time.ticks_add(t0, 100), t0))
print(time.ticks_diff(time.ticks_add(t0, -50), t0))
print(type(time.ticks_ms()).__name__, type(time.ticks_cpu()).__name__)
