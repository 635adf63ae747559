# async with calls __aenter__/__aexit__, awaiting each
class Yielding:
    def __await__(self):
        yield "pause"
class Resource:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print("aenter", self.name)
        await Yielding()
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        print('aexit self.name:', self.name)
        print('aexit et.__name__ if et else None:', et.__name__ if et else None)
        await Yielding()
        return et is KeyError
async def main():
    async with Resource("db") as r:
        print("using", r)
    async with Resource("suppressing"):
        raise KeyError("swallowed")
    print("after suppressed error")
    try:
        async with Resource("failing"):
            raise ValueError("v")
    except ValueError:
        print("ValueError propagated")
    return "ok"
co = main()
pauses = 0
try:
    while True:
        co.send(None)
        pauses += 1
except StopIteration as e:
    print(e.value, "pauses", pauses)
