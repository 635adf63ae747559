# cooperative multiple inheritance: super() follows the instance's MRO
calls = []
class Base:
    def __init__(self):
        calls.append("Base")
class Left(Base):
    def __init__(self):
        calls.append("Left")
        super().__init__()
class Right(Base):
    def __init__(self):
        calls.append("Right")
        super().__init__()
class Child(Left, Right):
    def __init__(self):
        calls.append("Child")
        super().__init__()
Child()
print(calls)
class Root:
    def chain(self):
        return ["Root"]
class M1(Root):
    def chain(self):
        return ["M1"] + super().chain()
class M2(Root):
    def chain(self):
        return ["M2"] + super().chain()
class Both(M1, M2):
    def chain(self):
        return ["Both"] + super().chain()
print(Both().chain())
print(M1().chain())
