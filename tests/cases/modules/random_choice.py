# random: choice picks members of the sequence; all members eventually picked
import random
random.seed(3)
items = ["a", "b", "c", "d"]
picks = [random.choice(items) for _ in range(300)]
print(all(p in items for p in picks))
print(sorted(set(picks)))
print(random.choice("xyz") in "xyz", random.choice((7,)))
try:
    random.choice([])
except IndexError:
    print("IndexError")
