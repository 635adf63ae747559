# recursive functions: factorial, fibonacci, ackermann, list flattening
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print('[fact(i) for i in range(10)]:', [fact(i) for i in range(10)])
print('fact(25):', fact(25))
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))
print(ack(2, 3))
def flatten(x):
    if isinstance(x, list):
        out = []
        for item in x:
            out.extend(flatten(item))
        return out
    return [x]
print(flatten([1, [2, [3, [4, []]], 5], [[6]]]))
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append((a, c))
        hanoi(n - 1, b, a, c, moves)
    return moves
print('len(hanoi(6, "A", "B", "C", [])):', len(hanoi(6, "A", "B", "C", [])))
print('hanoi(2, "A", "B", "C", []):', hanoi(2, "A", "B", "C", []))
def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]
print(power_set([1, 2, 3]))
