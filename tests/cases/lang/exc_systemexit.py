# SystemExit and KeyboardInterrupt are BaseException, not Exception
import sys
try:
    sys.exit(3)
except SystemExit as e:
    print("SystemExit code", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("no arg code", e.code)
try:
    sys.exit("message")
except SystemExit as e:
    print("str code", e.code)
try:
    try:
        raise SystemExit(1)
    except Exception:
        print("Exception should not catch it")
except BaseException as e:
    print("BaseException caught", type(e).__name__)
print('issubclass(SystemExit, Exception):', issubclass(SystemExit, Exception))
print('issubclass(KeyboardInterrupt, Exception):', issubclass(KeyboardInterrupt, Exception))
print('issubclass(GeneratorExit, Exception):', issubclass(GeneratorExit, Exception))
try:
    raise KeyboardInterrupt
except BaseException as e:
    print("caught", type(e).__name__)
