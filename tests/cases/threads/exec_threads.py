# exec / eval / compile from several threads at once, each with its own globals
import threading
results = {}
lock = threading.Lock()
SRC = """
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
class K:
    def __init__(self, v):
        self.v = v
out = [fib(i) for i in range(15)]
k = K(seed)
"""
def run(seed):
    g = {"seed": seed}
    for _ in range(5):
        exec(SRC, g)
    code = compile("seed * 2 + len(out)", "<expr>", "eval")
    v = eval(code, g)
    with lock:
        results[seed] = (g["out"][-1], g["k"].v, v)
ts = [threading.Thread(target=run, args=(s,)) for s in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for s in sorted(results):
    print(s, results[s])
