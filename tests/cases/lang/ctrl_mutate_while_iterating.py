# list iteration sees appends made during the loop; index-based loops with removal
lst = [1, 2, 3]
for x in lst:
    if x < 6:
        lst.append(x + 3)
print(lst)
work = [5]
for w in work:
    if w > 0:
        work.append(w - 2)
print(work)
nums = [1, 2, 3, 4, 5, 6]
i = 0
while i < len(nums):
    if nums[i] % 2 == 0:
        del nums[i]
    else:
        i += 1
print(nums)
nums = [1, 2, 3, 4, 5, 6]
for x in nums[:]:
    if x % 3 == 0:
        nums.remove(x)
print(nums)
