# skip-cpython
# micropython: heap_lock counter, schedule (runs the callback), kbd_intr, stack_use
import micropython
micropython.heap_lock()
micropython.heap_lock()
print(micropython.heap_locked())
print(micropython.heap_unlock(), micropython.heap_unlock(), micropython.heap_locked())
micropython.schedule(print, "scheduled")
micropython.kbd_intr(-1)
micropython.kbd_intr(3)
micropython.alloc_emergency_exception_buf(100)
print(type(micropython.stack_use()).__name__)
print("done")
