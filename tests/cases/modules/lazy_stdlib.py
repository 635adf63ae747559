# threading, queue and collections load some parts on first use: nothing of that shows
import collections
import _collections
print(collections.deque is _collections.deque, collections.deque.__module__)
names = ['Counter', 'OrderedDict', 'defaultdict', 'deque', 'namedtuple']
print(all(n in dir(collections) for n in names))
ns = {}
exec('from collections import *', ns)
print([n for n in names if n in ns])
print(collections.Counter is collections.Counter, collections.Counter.__module__,
      collections.OrderedDict.__module__, collections.defaultdict.__name__)
from collections import OrderedDict, namedtuple
print(OrderedDict is collections.OrderedDict, namedtuple('P', 'x').__module__)

import threading
tnames = ['Barrier', 'BoundedSemaphore', 'BrokenBarrierError', 'Condition', 'Event',
          'ExceptHookArgs', 'Lock', 'RLock', 'Semaphore', 'Thread', 'Timer', 'excepthook',
          'local', 'setprofile', 'settrace', 'getprofile', 'gettrace', 'current_thread']
print([n for n in tnames if n not in dir(threading)])
ns = {}
exec('from threading import *', ns)
print([n for n in tnames if n not in ns])
print(threading.Barrier is ns['Barrier'], threading.Barrier.__module__,
      threading.Timer.__mro__[1] is threading.Thread, issubclass(
          threading.BrokenBarrierError, RuntimeError))
print(threading.excepthook is threading.__excepthook__)
seen = []
threading.excepthook = lambda args: seen.append(args.exc_type.__name__)
t = threading.Thread(target=lambda: 1 / 0)
t.start()
t.join()
print(seen)
b = threading.BoundedSemaphore(1)
try:
    b.release()
except ValueError as e:
    print('ValueError:', e)

import queue
print(sorted(queue.__all__) == sorted(n for n in dir(queue) if n in queue.__all__))
q = queue.PriorityQueue()
for x in (3, 1, 2):
    q.put(x)
print([q.get() for _ in range(3)], queue.PriorityQueue.__module__)
s = queue.SimpleQueue()
s.put(1)
print(s.get(), isinstance(queue.LifoQueue(), queue.Queue))
try:
    queue.nothing
except AttributeError as e:
    print('AttributeError:', e)
