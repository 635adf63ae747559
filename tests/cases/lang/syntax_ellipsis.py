# Ellipsis literal as placeholder and value
def todo():
    ...
print(todo())
x = ...
print('x:', x)
print('x is Ellipsis:', x is Ellipsis)
print('type(x).__name__:', type(x).__name__)
print('... == Ellipsis:', ... == Ellipsis)
print('bool(...):', bool(...))
lst = [1, ..., 3]
print(lst)
