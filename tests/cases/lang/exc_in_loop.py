# try/except inside loops: continue after errors, accumulate results
data = ["1", "x", "3", None, "5", "2.5"]
total = 0
errors = []
for item in data:
    try:
        total += int(item)
    except ValueError:
        errors.append(("ValueError", item))
        continue
    except TypeError:
        errors.append(("TypeError", item))
        continue
    print("added", item)
print('total:', total)
print('errors:', errors)
class FlakyError(Exception):
    pass
attempts = 0
while True:
    attempts += 1
    try:
        if attempts < 3:
            raise FlakyError
        print("succeeded on attempt", attempts)
        break
    except FlakyError:
        print("retry", attempts)
