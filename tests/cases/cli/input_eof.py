# stdin is closed for cases: input() raises EOFError
try:
    input("prompt> ")
except EOFError:
    print("EOFError")
