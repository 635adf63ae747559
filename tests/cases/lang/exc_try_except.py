# basic try/except: matching, non-matching, first matching clause wins
def risky(kind):
    if kind == "key":
        return {}["k"]
    if kind == "index":
        return [][1]
    if kind == "zero":
        return 1 // 0
    if kind == "type":
        return "a" + 1
    if kind == "value":
        return int("x")
    if kind == "attr":
        return None.foo
    if kind == "name":
        return undefined_name
    return "fine"
for kind in ("key", "index", "zero", "type", "value", "attr", "name", "ok"):
    try:
        r = risky(kind)
        print(kind, "->", r)
    except KeyError:
        print(kind, "-> KeyError")
    except (IndexError, ZeroDivisionError) as e:
        print(kind, "-> tuple clause", type(e).__name__)
    except Exception as e:
        print(kind, "-> generic", type(e).__name__)
try:
    try:
        [][0]
    except KeyError:
        print("wrong handler")
except IndexError:
    print("outer caught IndexError")
try:
    raise ValueError
except ValueError as e:
    print('class raised: type(e).__name__:', type(e).__name__)
    print('class raised: e.args:', e.args)
