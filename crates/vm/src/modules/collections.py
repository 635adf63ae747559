# collections: deque is native (`_collections`); the rest is written here in Python, in
# parts that each thaw on first use (`#@lazy` lines; `modules::LAZY`). The natives
# `_caller_module` and `_missing_getitem` come from `modules::collections`.

__all__ = ['deque', 'defaultdict', 'namedtuple', 'OrderedDict', 'Counter']

#@lazy collections_namedtuple

_tuple_new = tuple.__new__
_kwlist = frozenset(('False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await',
    'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for',
    'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
    'raise', 'return', 'try', 'while', 'with', 'yield'))

def _getter(i):
    return property(lambda self: self[i], doc='Alias for field number %d' % i)

def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for i, name in enumerate(field_names):
            if (not name.isidentifier() or name in _kwlist or name.startswith('_')
                    or name in seen):
                field_names[i] = '_%d' % i
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid identifiers: %r'
                             % (name,))
        if name in _kwlist:
            raise ValueError('Type names and field names cannot be a keyword: %r' % (name,))
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: %r' % (name,))
        if name in seen:
            raise ValueError('Encountered duplicate field name: %r' % (name,))
        seen.add(name)
    fields = tuple(field_names)
    n = len(fields)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > n:
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(fields), reversed(defaults)))))
    repr_fmt = typename + '(' + ', '.join([f + '=%r' for f in fields]) + ')'

    def __new__(cls, *args, **kw):
        na = len(args)
        if na == n and not kw:
            return _tuple_new(cls, args)
        if na > n:
            nd = len(field_defaults)
            if nd:
                raise TypeError('%s.__new__() takes from %d to %d positional arguments but '
                                '%d were given' % (typename, n + 1 - nd, n + 1, na + 1))
            raise TypeError('%s.__new__() takes %d positional arguments but %d were given'
                            % (typename, n + 1, na + 1))
        vals = list(args)
        for name in kw:
            if name not in fields:
                raise TypeError("%s.__new__() got an unexpected keyword argument '%s'"
                                % (typename, name))
            if fields.index(name) < na:
                raise TypeError("%s.__new__() got multiple values for argument '%s'"
                                % (typename, name))
        missing = []
        for name in fields[na:]:
            if name in kw:
                vals.append(kw[name])
            elif name in field_defaults:
                vals.append(field_defaults[name])
            else:
                missing.append(name)
        if missing:
            if len(missing) == 1:
                names = "'%s'" % missing[0]
            else:
                names = ', '.join(["'%s'" % m for m in missing[:-1]]) + " and '%s'" % missing[-1]
            raise TypeError('%s.__new__() missing %d required positional argument%s: %s'
                            % (typename, len(missing), '' if len(missing) == 1 else 's', names))
        return _tuple_new(cls, vals)

    def _make(cls, iterable):
        result = _tuple_new(cls, iterable)
        if len(result) != n:
            raise TypeError('Expected %d arguments, got %d' % (n, len(result)))
        return result

    def _replace(self, **kw):
        result = self._make([kw.pop(f) if f in kw else v for f, v in zip(fields, self)])
        if kw:
            raise ValueError('Got unexpected field names: %r' % list(kw))
        return result

    def __repr__(self):
        return self.__class__.__name__ + repr_fmt[len(typename):] % tuple(self)

    def _asdict(self):
        return dict(zip(fields, self))

    def __getnewargs__(self):
        return tuple(self)

    ns = {
        '__doc__': '%s(%s)' % (typename, ', '.join(fields)),
        '__slots__': (),
        '_fields': fields,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': fields,
        '__module__': module if module is not None else _caller_module(),
    }
    for i, name in enumerate(fields):
        ns[name] = _getter(i)
    return type(typename, (tuple,), ns)


#@lazy collections_ordereddict

class OrderedDict(dict):
    def move_to_end(self, key, last=True):
        v = dict.pop(self, key)
        if last:
            self[key] = v
        else:
            rest = list(self.items())
            self.clear()
            self[key] = v
            self.update(rest)

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        if last:
            return dict.popitem(self)
        k = next(iter(self))
        return (k, dict.pop(self, k))

    def copy(self):
        return self.__class__(self)

    def __reversed__(self):
        return reversed(list(self))

    def __repr__(self):
        if not self:
            return '%s()' % (self.__class__.__name__,)
        return '%s(%r)' % (self.__class__.__name__, list(self.items()))

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for k in iterable:
            d[k] = value
        return d


#@lazy collections_defaultdict

class defaultdict(dict):
    def __init__(self, default_factory=None, *args, **kw):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.update(*args, **kw)
        self.default_factory = default_factory

    def __missing__(self, key):
        f = self.default_factory
        if f is None:
            raise KeyError(key)
        v = f()
        self[key] = v
        return v

    def __repr__(self):
        return '%s(%r, %s)' % (self.__class__.__name__, self.default_factory,
                               dict.__repr__(self))

    def copy(self):
        return self.__class__(self.default_factory, self)

    __copy__ = copy
    __hash__ = None
    __getitem__ = _missing_getitem


#@lazy collections_counter

class Counter(dict):
    def __init__(self, iterable=None, /, **kwds):
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        items = sorted(self.items(), key=_second, reverse=True)
        return items if n is None else items[:max(n, 0)]

    def elements(self):
        for k, v in self.items():
            for _ in range(v):
                yield k

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self.get(k, 0) + v
            else:
                for k in iterable:
                    self[k] = self.get(k, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self.get(k, 0) - v
            else:
                for k in iterable:
                    self[k] = self.get(k, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    def __delitem__(self, key):
        if key in self:
            dict.__delitem__(self, key)

    def __repr__(self):
        if not self:
            return '%s()' % self.__class__.__name__
        return '%s({%s})' % (self.__class__.__name__,
                             ', '.join(['%r: %r' % kv for kv in self.most_common()]))

    def _merge(self, other, op):
        # the positive counts of op(mine, theirs) over the keys of both
        if not isinstance(other, Counter):
            return NotImplemented
        r = Counter()
        for k, v in self.items():
            t = op(v, other[k])
            if t > 0:
                r[k] = t
        for k, v in other.items():
            if k not in self:
                t = op(0, v)
                if t > 0:
                    r[k] = t
        return r

    def __add__(self, other):
        return self._merge(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._merge(other, lambda a, b: a - b)

    def __or__(self, other):
        return self._merge(other, max)

    def __and__(self, other):
        return self._merge(other, min)

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return dict.__eq__(self, other)
        return all(self[k] == other[k] for c in (self, other) for k in c)

    def __ne__(self, other):
        return not self == other

    __hash__ = None
    __getitem__ = _missing_getitem

def _second(kv):
    return kv[1]
