# async for with __aiter__/__anext__ and StopAsyncIteration
class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 100
async def main():
    total = 0
    async for v in Ticker(3):
        print("got", v)
        total += v
    async for v in Ticker(0):
        print("never")
    else:
        print("else after async for")
    async for v in Ticker(5):
        if v == 200:
            break
    print("broke at", v)
    return total
co = main()
try:
    co.send(None)
except StopIteration as e:
    print("total", e.value)
print(issubclass(StopAsyncIteration, Exception))
