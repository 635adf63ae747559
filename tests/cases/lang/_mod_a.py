# helper module for import cases (not a case itself)
value = 10
items = ["x", "y"]
def double(n):
    return n * 2
def get_value():
    return value
class Thing:
    def __init__(self, name):
        self.name = name
    def hello(self):
        return "Thing " + self.name
_private = "hidden"
