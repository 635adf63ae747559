# raising classes vs instances, raising non-exceptions is a TypeError
try:
    raise ValueError
except ValueError as e:
    print('type(e).__name__:', type(e).__name__)
    print('e.args:', e.args)
try:
    raise ValueError("inst")
except ValueError as e:
    print('type(e).__name__:', type(e).__name__)
    print('e.args:', e.args)
err = KeyError("stored")
try:
    raise err
except KeyError as e:
    print(e is err)
try:
    raise 5
except TypeError as e:
    print("raise int:", type(e).__name__)
try:
    raise str
except TypeError as e:
    print("raise non-exception class:", type(e).__name__)
def make():
    return IndexError("made")
try:
    raise make()
except IndexError as e:
    print("from call:", e)
