# decorator factories taking arguments
def repeat(n):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def hi(x):
    return "hi " + x
print(hi("bob"))
def tag(name, cls=None):
    def deco(fn):
        def wrapper():
            attrs = ' class="%s"' % cls if cls else ""
            return "<%s%s>%s</%s>" % (name, attrs, fn(), name)
        return wrapper
    return deco
@tag("b")
def bold():
    return "text"
@tag("p", cls="note")
def para():
    return "para"
print('bold():', bold())
print('para():', para())
handlers = {}
def on(event):
    def deco(fn):
        handlers[event] = fn
        return fn
    return deco
@on("start")
def start():
    return "starting"
@on("stop")
def stop():
    return "stopping"
print('sorted(handlers):', sorted(handlers))
print('handlers["start"]():', handlers["start"]())
print('handlers["stop"]():', handlers["stop"]())
def make_deco():
    return lambda fn: (lambda: "wrapped " + fn())
@make_deco()
def plain():
    return "plain"
print(plain())
