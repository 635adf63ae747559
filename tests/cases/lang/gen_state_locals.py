# generator locals persist across yields; each call creates fresh state
def stateful():
    seen = []
    x = 0
    while True:
        x += 1
        seen.append(x)
        cmd = yield list(seen)
        if cmd == "reset":
            seen = []
g1 = stateful()
g2 = stateful()
print('next(g1):', next(g1))
print('next(g1):', next(g1))
print('next(g2):', next(g2))
print('g1.send("reset"):', g1.send("reset"))
print('next(g1):', next(g1))
print('next(g2):', next(g2))
def closure_gen(prefix):
    def label(x):
        return prefix + str(x)
    for i in range(3):
        yield label(i)
print('list(closure_gen("p")):', list(closure_gen("p")))
print('list(closure_gen("q")):', list(closure_gen("q")))
