# awaiting coroutines several levels deep, with a yielding awaitable at the bottom
class Tick:
    def __await__(self):
        value = yield "tick"
        return value
async def leaf(n):
    got = await Tick()
    return n * 10 + got
async def middle(n):
    a = await leaf(n)
    b = await leaf(n + 1)
    return a + b
async def top():
    return await middle(1) + await middle(5)
coro = top()
steps = 0
value = None
try:
    while True:
        out = coro.send(value)
        steps += 1
        print("suspended with", out)
        value = steps
except StopIteration as e:
    print("result", e.value, "after", steps, "suspensions")
