# bare except catches everything, including BaseException subclasses
def trial(exc):
    try:
        raise exc
    except:
        return "caught " + exc.__name__
for exc in (ValueError, KeyError, SystemExit, KeyboardInterrupt, GeneratorExit):
    print(trial(exc))
try:
    try:
        raise IndexError
    except ValueError:
        print("no")
    except:
        print("fallback bare except")
        raise
except IndexError:
    print("re-raised from bare except")
