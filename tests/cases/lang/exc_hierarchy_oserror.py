# OSError from a failed open, errno in args, and catching via Exception
print(issubclass(OSError, Exception))
try:
    open("/definitely/not/here/file.txt")
except OSError as e:
    print('caught as OSError: isinstance(e, OSError):', isinstance(e, OSError))
    print('caught as OSError: e.errno == 2:', e.errno == 2)
    print('caught as OSError: e.args[0]:', e.args[0])
try:
    raise OSError(2, "custom")
except OSError as e:
    print('e.args[0]:', e.args[0])
    print('e.args[1]:', e.args[1])
    print('e.errno:', e.errno)
try:
    raise OSError("just a message")
except Exception as e:
    print('generic handler: type(e).__name__:', type(e).__name__)
    print('generic handler: e.args:', e.args)
def opener(path):
    try:
        with open(path) as fh:
            return fh.read()
    except OSError:
        return "could not open"
print(opener("/no/such/dir/x"))
