# time: gmtime fields (first 8 items agree between CPython and MicroPython) and strftime
import time
print(time.gmtime(0)[:8])
print(time.gmtime(1709210096)[:8])
print(time.gmtime(-1)[:8])
print(time.strftime("%Y-%m-%d %H:%M:%S %a %b %j", time.gmtime(1709210096)))
print(time.monotonic() <= time.monotonic(), type(time.monotonic_ns()).__name__)
