# async def returns a coroutine; driving it with send(None) until StopIteration
async def add(a, b):
    return a + b
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
c = add(2, 3)
print("coroutine object created")
print(run(c))
async def no_return():
    print("body runs only when driven")
c2 = no_return()
print("created")
print(run(c2))
async def caller():
    x = await add(1, 1)
    y = await add(x, 10)
    return x, y
print(run(caller()))
