# user-defined exception hierarchies with args
class AppError(Exception):
    pass
class DBError(AppError):
    pass
class NotFound(DBError):
    pass
for cls in (AppError, DBError, NotFound):
    try:
        raise cls("msg", 42)
    except DBError as e:
        print("DBError handler:", type(e).__name__, e.args)
    except AppError as e:
        print("AppError handler:", type(e).__name__, e.args)
e = NotFound("x")
print(isinstance(e, AppError), isinstance(e, Exception), issubclass(NotFound, BaseException))
print(str(NotFound()), str(NotFound("one")), str(NotFound(1, 2)))
print(repr(NotFound("one")), repr(AppError()))
print([c.__name__ for c in NotFound.__mro__])
