# a tiny round-robin scheduler interleaving several coroutines
class Yield:
    def __await__(self):
        yield
async def task(name, n):
    for i in range(n):
        print(name, "step", i)
        await Yield()
    return name + " finished"
def run_all(coros):
    queue = list(coros)
    results = []
    while queue:
        co = queue.pop(0)
        try:
            co.send(None)
            queue.append(co)
        except StopIteration as e:
            results.append(e.value)
    return results
print(run_all([task("A", 3), task("B", 1), task("C", 2)]))
