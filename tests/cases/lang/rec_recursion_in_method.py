# runaway recursion through methods and generators is also caught as RecursionError
class Loop:
    def again(self):
        return self.again()
try:
    Loop().again()
except RecursionError:
    print("RecursionError in method")
class Chain:
    def __getattr__(self, name):
        return self.missing_attr
try:
    Chain().anything
except RecursionError:
    print("RecursionError via __getattr__")
def lst(n):
    return [lst(n + 1)]
try:
    lst(0)
except RecursionError:
    print("RecursionError building nested lists")
print("still alive")
