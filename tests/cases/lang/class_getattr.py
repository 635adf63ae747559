# __getattr__ is only consulted when normal lookup fails
class Dyn:
    real = "class attr"
    def __init__(self):
        self.inst = "instance attr"
    def __getattr__(self, name):
        if name.startswith("x_"):
            return "dynamic " + name[2:]
        raise AttributeError(name)
d = Dyn()
print('d.real:', d.real)
print('d.inst:', d.inst)
print('d.x_foo:', d.x_foo)
print('d.x_bar:', d.x_bar)
print('getattr(d, "x_via_getattr"):', getattr(d, "x_via_getattr"))
print('getattr(d, "nope", "fallback"):', getattr(d, "nope", "fallback"))
print('hasattr(d, "nope"):', hasattr(d, "nope"))
print('hasattr(d, "x_yes"):', hasattr(d, "x_yes"))
try:
    d.missing
except AttributeError as e:
    print("AttributeError", e)
class Proxy:
    def __init__(self, target):
        self._target = target
    def __getattr__(self, name):
        print("forwarding", name)
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.sort()
print('p._target:', p._target)
print('p.count(1):', p.count(1))
class Plain:
    pass
try:
    Plain().anything
except AttributeError as e:
    print("plain:", type(e).__name__)
