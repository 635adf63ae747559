# custom exceptions with their own __init__ and __str__
class ValidationError(Exception):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field = field
        self.problem = problem
    def __str__(self):
        return "%s: %s" % (self.field, self.problem)
try:
    raise ValidationError("age", "negative")
except ValidationError as e:
    print(e, "|", e.field, "|", e.problem, "|", e.args)
class Code(Exception):
    def __init__(self, code):
        self.code = code
try:
    raise Code(404)
except Code as e:
    print('e.code:', e.code)
    print('e.args:', e.args)
class WithDefault(Exception):
    def __init__(self, msg="default message"):
        super().__init__(msg)
try:
    raise WithDefault
except WithDefault as e:
    print(e)
try:
    raise WithDefault("custom")
except WithDefault as e:
    print('e:', e)
    print('repr(e):', repr(e))
