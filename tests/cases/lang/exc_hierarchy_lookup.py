# LookupError catches KeyError and IndexError
def get(container, key):
    try:
        return container[key]
    except LookupError as e:
        return "LookupError(" + type(e).__name__ + ")"
print('get([1, 2], 5):', get([1, 2], 5))
print('get({"a": 1}, "b"):', get({"a": 1}, "b"))
print('get("abc", 10):', get("abc", 10))
print('get((1,), -2):', get((1,), -2))
print('get({"a": 1}, "a"):', get({"a": 1}, "a"))
print('issubclass(KeyError, LookupError):', issubclass(KeyError, LookupError))
print('issubclass(IndexError, LookupError):', issubclass(IndexError, LookupError))
print('issubclass(LookupError, Exception):', issubclass(LookupError, Exception))
print('issubclass(KeyError, IndexError):', issubclass(KeyError, IndexError))
try:
    raise KeyError("k")
except IndexError:
    print("wrong")
except LookupError:
    print("lookup caught KeyError")
