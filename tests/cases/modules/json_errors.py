# json: invalid documents raise ValueError (subclass accepted)
import json
for bad in ("", "[1, 2", "{'a': 1}", "tru", "[1] x", "nul", "["):
    try:
        json.loads(bad)
        print("parsed", repr(bad))
    except ValueError:
        print("ValueError", repr(bad))
print(issubclass(ValueError, Exception))
