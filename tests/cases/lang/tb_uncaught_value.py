# an uncaught exception after output: stdout is flushed and exit status is 1
print("line before the error")
print("another line")
raise ValueError("uncaught on purpose")
print("never printed")
