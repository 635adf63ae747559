# random: randint/randrange/uniform/random/getrandbits stay within their ranges
import random
random.seed(7)
print(all(1 <= random.randint(1, 6) <= 6 for _ in range(200)))
print(all(random.randint(3, 3) == 3 for _ in range(5)))
print(all(0 <= random.randrange(10) < 10 for _ in range(200)))
print(all(random.randrange(5, 10) in range(5, 10) for _ in range(200)))
print(all(random.randrange(0, 20, 5) in (0, 5, 10, 15) for _ in range(200)))
print(all(2.0 <= random.uniform(2.0, 3.0) <= 3.0 for _ in range(200)))
print(all(0.0 <= random.random() < 1.0 for _ in range(200)))
print(all(0 <= random.getrandbits(8) < 256 for _ in range(200)))
seen = set(random.randint(0, 3) for _ in range(500))
print(sorted(seen))
print(type(random.random()).__name__, type(random.randint(0, 1)).__name__)
