# getattr/setattr/hasattr/delattr with computed names
class Config:
    pass
c = Config()
for name, val in [("host", "localhost"), ("port", 8080), ("debug", False)]:
    setattr(c, name, val)
print([getattr(c, n) for n in ("host", "port", "debug")])
print('hasattr(c, "port"):', hasattr(c, "port"))
print('hasattr(c, "user"):', hasattr(c, "user"))
print('getattr(c, "user", None):', getattr(c, "user", None))
delattr(c, "debug")
print(hasattr(c, "debug"))
try:
    getattr(c, "nope")
except AttributeError as e:
    print("getattr:", type(e).__name__)
try:
    delattr(c, "nope")
except AttributeError as e:
    print("delattr:", type(e).__name__)
print('getattr(c, "__class__").__name__:', getattr(c, "__class__").__name__)
print('getattr([1, 2], "count")(1):', getattr([1, 2], "count")(1))
setattr(Config, "class_level", 5)
print(c.class_level)
