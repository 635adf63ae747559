# exceptions propagate out of awaited coroutines and can be caught; throw() into a coroutine
class Pause:
    def __await__(self):
        yield "paused"
async def failing():
    await Pause()
    raise ValueError("inside coroutine")
async def catcher():
    try:
        await failing()
    except ValueError as e:
        return "caught: " + str(e)
co = catcher()
print(co.send(None))
try:
    co.send(None)
except StopIteration as e:
    print(e.value)
co2 = failing()
co2.send(None)
try:
    co2.send(None)
except ValueError as e:
    print("escaped to driver:", e)
async def waits():
    try:
        await Pause()
    except KeyError:
        return "handled thrown KeyError"
co3 = waits()
co3.send(None)
try:
    co3.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)
