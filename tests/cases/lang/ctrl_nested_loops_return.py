# return from inside nested loops exits the function immediately
def search(grid, target):
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v == target:
                return r, c
    return None
grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print('search(grid, 6):', search(grid, 6))
print('search(grid, 1):', search(grid, 1))
print('search(grid, 10):', search(grid, 10))
def first_even_square():
    i = 0
    while True:
        i += 1
        for _ in range(2):
            if (i * i) % 2 == 0 and i > 3:
                return i * i
print(first_even_square())
def gen_loop():
    for i in range(10):
        while True:
            if i == 3:
                return "stopped at 3"
            break
print(gen_loop())
