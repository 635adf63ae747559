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
        print('DBError handler: type(e).__name__:', type(e).__name__)
        print('DBError handler: e.args:', e.args)
    except AppError as e:
        print('AppError handler: type(e).__name__:', type(e).__name__)
        print('AppError handler: e.args:', e.args)
e = NotFound("x")
print('isinstance(e, AppError):', isinstance(e, AppError))
print('isinstance(e, Exception):', isinstance(e, Exception))
print('issubclass(NotFound, BaseException):', issubclass(NotFound, BaseException))
print('str(NotFound()):', str(NotFound()))
print('str(NotFound("one")):', str(NotFound("one")))
print('str(NotFound(1, 2)):', str(NotFound(1, 2)))
print('repr(NotFound("one")):', repr(NotFound("one")))
print('repr(AppError()):', repr(AppError()))
print([c.__name__ for c in NotFound.__mro__])
