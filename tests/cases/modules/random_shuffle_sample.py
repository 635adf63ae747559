# random: shuffle/sample/choices keep their invariants; Random instances are independent
import random
random.seed(5)
l = list(range(20))
random.shuffle(l)
print(sorted(l) == list(range(20)))
s = random.sample(range(100), 10)
print(len(s), len(set(s)), all(0 <= x < 100 for x in s))
print(random.sample([1, 2, 3], 0))
c = random.choices("abc", k=30)
print(len(c), set(c) <= set("abc"))
print(random.choices("abc", weights=[0, 0, 1], k=4), random.choices("xyz", cum_weights=[0, 1, 1], k=3))
r1 = random.Random(9)
r2 = random.Random(9)
print([r1.random() for _ in range(3)] == [r2.random() for _ in range(3)])
x = random.randrange(10 ** 30, 10 ** 30 + 5)
print(10 ** 30 <= x < 10 ** 30 + 5, random.randrange(10, 0, -3) in (10, 7, 4, 1))
g = [random.gauss(10, 2) for _ in range(4000)]
print(9.7 < sum(g) / len(g) < 10.3)
for f in (lambda: random.randrange(0), lambda: random.randrange(0, 10, 0), lambda: random.sample([1, 2], 3),
          lambda: random.getrandbits(-1)):
    try:
        f()
    except ValueError:
        print("ValueError")
