# sys: sys.path is a list of str and can be appended to
import sys
print(type(sys.path).__name__)
print(all(isinstance(p, str) for p in sys.path))
n = len(sys.path)
sys.path.append("/nonexistent_weft_dir")
print(len(sys.path) == n + 1, sys.path[-1])
sys.path.pop()
print(len(sys.path) == n)
