# LookupError catches KeyError and IndexError
def get(container, key):
    try:
        return container[key]
    except LookupError as e:
        return "LookupError(" + type(e).__name__ + ")"
print(get([1, 2], 5), get({"a": 1}, "b"), get("abc", 10), get((1,), -2), get({"a": 1}, "a"))
print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError))
print(issubclass(LookupError, Exception), issubclass(KeyError, IndexError))
try:
    raise KeyError("k")
except IndexError:
    print("wrong")
except LookupError:
    print("lookup caught KeyError")
