# list: sort with key functions (len, lambda, str.lower) and reverse
words = ["banana", "Apple", "fig", "cherry", "date"]
print(sorted(words, key=len))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: w[-1]))
words.sort(key=lambda w: (len(w), w), reverse=True)
print(words)
nums = [-5, 3, -1, 4, -2]
nums.sort(key=abs)
print(nums)
print(sorted(nums, key=lambda x: -x))
recs = [{"n": "a", "v": 3}, {"n": "b", "v": 1}, {"n": "c", "v": 2}]
print([r["n"] for r in sorted(recs, key=lambda r: r["v"])])
