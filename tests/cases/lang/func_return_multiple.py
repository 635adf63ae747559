# returning multiple values as tuples and unpacking them; implicit None returns
def divmod_(a, b):
    return a // b, a % b
q, r = divmod_(17, 5)
print('q:', q)
print('r:', r)
print('divmod_(17, 5):', divmod_(17, 5))
def stats(nums):
    return min(nums), max(nums), sum(nums) / len(nums)
lo, hi, avg = stats([2, 4, 6])
print('lo:', lo)
print('hi:', hi)
print('avg:', avg)
def nothing():
    pass
def bare():
    return
def conditional(x):
    if x:
        return "yes"
print('nothing():', nothing())
print('bare():', bare())
print('conditional(1):', conditional(1))
print('conditional(0):', conditional(0))
def single():
    return 1,
print('single():', single())
print('type(single()).__name__:', type(single()).__name__)
def early(n):
    for i in range(n):
        if i == 2:
            return i, "early"
    return n, "late"
print('early(5):', early(5))
print('early(1):', early(1))
first, *rest = stats([1, 2, 3])
print('first:', first)
print('rest:', rest)
