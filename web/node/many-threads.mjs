// The many-short-lived-threads program shared by test-runtime.mjs (memory does not grow per
// thread) and stress-workers.mjs: 500 threads in bursts of 20; prints 500.
export const MANY_THREADS = `
import _thread, time
n = [0]
lock = _thread.allocate_lock()
def f():
    with lock:
        n[0] += 1
for i in range(500):
    _thread.start_new_thread(f, ())
    if i % 20 == 19:
        while n[0] < i + 1:
            time.sleep(0.0005)
while n[0] < 500:
    time.sleep(0.001)
print(n[0])
`;
