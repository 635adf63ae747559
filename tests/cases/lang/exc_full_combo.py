# try/except/else/finally together in every outcome
def run(mode):
    log = []
    try:
        log.append("try")
        if mode == "raise_caught":
            raise ValueError
        if mode == "raise_uncaught":
            raise TypeError
        if mode == "return":
            return log
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return log
for mode in ("ok", "raise_caught", "return"):
    print('mode:', mode)
    print('run(mode):', run(mode))
try:
    run("raise_uncaught")
except TypeError:
    print("raise_uncaught propagated")
def except_raises():
    try:
        raise ValueError
    except ValueError:
        raise KeyError("new")
    finally:
        print("finally after except raised")
try:
    except_raises()
except KeyError as e:
    print("got", repr(e))
