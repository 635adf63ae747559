# builtins: filter and map (single and multiple iterables), laziness
print(list(filter(lambda x: x % 2, range(10))))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(list(map(str, [1, 2, 3])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
print(list(map(pow, [2, 3], [3, 2])))
calls = []
def track(x):
    calls.append(x)
    return x * 2
m = map(track, [1, 2, 3])
print(calls)
print(next(m), calls)
print(list(m), calls)
print(sum(map(int, "12345")))
