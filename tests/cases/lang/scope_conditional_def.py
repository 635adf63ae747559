# names bound conditionally at module level and in functions
import sys
if sys.version_info[0] >= 3:
    def impl():
        return "py3 branch"
else:
    def impl():
        return "other branch"
print(impl())
try:
    from _definitely_missing_module import thing
except ImportError:
    thing = "fallback"
print(thing)
for i in range(2):
    if i == 1:
        bound_in_loop = "bound"
print(bound_in_loop)
