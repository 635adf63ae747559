# gc: collect runs, enable/disable toggles isenabled
import gc
gc.collect()
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
junk = [[i] * 10 for i in range(100)]
del junk
gc.enable()
print(gc.isenabled())
gc.collect()
r = gc.collect()
print(r is None or isinstance(r, int))
class Node:
    def __init__(self):
        self.ref = self
for _ in range(50):
    Node()
gc.collect()
print("survived")
