# exceptions propagate up through function calls, unwinding finally blocks
log = []
def a():
    try:
        b()
    finally:
        log.append("a finally")
def b():
    try:
        c()
    finally:
        log.append("b finally")
def c():
    log.append("c raising")
    raise LookupError("deep")
try:
    a()
except LookupError as e:
    log.append("caught " + str(e))
print(log)
def catches_own():
    try:
        c()
    except LookupError:
        return "handled in catches_own"
print(catches_own())
def partial():
    try:
        c()
    except TypeError:
        return "wrong type"
try:
    partial()
except LookupError:
    print("passed through partial")
