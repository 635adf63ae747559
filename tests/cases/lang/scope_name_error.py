# NameError for undefined names in various scopes
def uses_undefined():
    return undefined_thing
try:
    uses_undefined()
except NameError as e:
    print("function:", type(e).__name__)
try:
    print(also_undefined)
except NameError as e:
    print("module:", type(e).__name__)
try:
    [nope for _ in range(1)]
except NameError as e:
    print("comprehension:", type(e).__name__)
try:
    (lambda: missing_in_lambda)()
except NameError as e:
    print("lambda:", type(e).__name__)
def later():
    return defined_later
defined_later = "now defined"
print(later())
