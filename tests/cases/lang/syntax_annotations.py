# variable and function annotations are accepted and do not change behaviour
x: int = 5
y: "str"
print(x)
try:
    y
except NameError as e:
    print("annotated only:", type(e).__name__)
def f(a: int, b: "anything" = 2, *args: int, c: list = None, **kw: dict) -> int:
    return a + b
print('f(1):', f(1))
print('f(1, 3):', f(1, 3))
class C:
    attr: int = 3
    other: str
    def m(self) -> None:
        z: float = 1.5
        return z
print('C.attr:', C.attr)
print('C().m():', C().m())
print('hasattr(C, "other"):', hasattr(C, "other"))
lst = [0]
lst[0]: int = 9
print(lst)
