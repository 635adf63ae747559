# yield from delegates iteration to sub-iterables and sub-generators
def inner():
    yield 1
    yield 2
def outer():
    yield "start"
    yield from inner()
    yield from [10, 20]
    yield from "ab"
    yield from range(2)
    yield "end"
print(list(outer()))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [], [[6]]])))
def chain(*its):
    for it in its:
        yield from it
print(list(chain("xy", (1, 2), {"k": 0})))
