# Ellipsis: literal ..., identity and repr
print(..., Ellipsis, repr(...))
print(... is Ellipsis, ... == Ellipsis)
def stub():
    ...
print(stub())
x = [1, ..., 3]
print(x)
print(bool(...))
