# io: iterating a StringIO line by line and capturing writes made by a function
import io
def report(out, rows):
    for name, val in rows:
        out.write("%s=%d\n" % (name, val))
buf = io.StringIO()
report(buf, [("a", 1), ("b", 22)])
text = buf.getvalue()
print(repr(text))
print(len(text), text.count("\n"))
lines = io.StringIO("l1\nl2\nl3\n")
for line in lines:
    print(line.rstrip())
print(repr(io.StringIO("").read()))
