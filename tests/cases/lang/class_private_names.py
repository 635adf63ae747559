# single-underscore attributes are ordinary attributes accessible from outside
class Account:
    def __init__(self, owner):
        self._owner = owner
        self._balance = 0
    def deposit(self, n):
        self._balance += n
        return self
    def _helper(self):
        return "helper for " + self._owner
a = Account("ann").deposit(5).deposit(7)
print('a._balance:', a._balance)
print('a._owner:', a._owner)
print('a._helper():', a._helper())
a._balance = -1
print(a._balance)
print(sorted(a.__dict__))
