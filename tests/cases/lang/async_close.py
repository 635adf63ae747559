# closing a suspended coroutine runs its finally block
class Pause:
    def __await__(self):
        yield
async def guarded():
    try:
        await Pause()
        print("never resumed")
    finally:
        print("coroutine finally")
co = guarded()
co.send(None)
co.close()
print("closed")
async def returns():
    return 5
co = returns()
try:
    co.send(None)
except StopIteration as e:
    print("value", e.value)
