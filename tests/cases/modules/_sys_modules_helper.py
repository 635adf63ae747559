# helper module for sys_modules.py (not a case)
loads = 0
loads += 1
VALUE = "helper loaded"
print("helper body runs once")
