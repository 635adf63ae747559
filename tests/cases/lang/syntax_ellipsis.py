# Ellipsis literal as placeholder and value
def todo():
    ...
print(todo())
x = ...
print(x, x is Ellipsis, type(x).__name__)
print(... == Ellipsis, bool(...))
lst = [1, ..., 3]
print(lst)
