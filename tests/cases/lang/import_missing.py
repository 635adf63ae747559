# importing a missing module or name raises ImportError
try:
    import _no_such_module_here
    print("imported?!")
except ImportError:
    print("missing module: caught by except ImportError")
try:
    from _mod_a import no_such_name
except ImportError:
    print("missing name: caught by except ImportError")
try:
    import _pkg._no_such_sub
except ImportError:
    print("missing submodule: caught by except ImportError")
print("still running")
