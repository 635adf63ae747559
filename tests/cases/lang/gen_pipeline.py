# chaining generators into a processing pipeline
def read(lines):
    for line in lines:
        yield line
def strip_comments(lines):
    for line in lines:
        if not line.startswith("#"):
            yield line
def to_ints(lines):
    for line in lines:
        yield int(line)
def running_total(nums):
    total = 0
    for n in nums:
        total += n
        yield total
src = ["1", "# comment", "2", "3", "#", "10"]
print(list(running_total(to_ints(strip_comments(read(src))))))
def window(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) > size:
            buf.pop(0)
        if len(buf) == size:
            yield tuple(buf)
print(list(window(range(6), 3)))
