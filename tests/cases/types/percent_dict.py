# %-formatting: mapping keys with %(name)s
d = {"name": "weft", "n": 3, "x": 1.5}
print("%(name)s has %(n)d items" % d)
print("%(x).2f|%(n)05d|%(name)r" % d)
print("%(name)s %(name)s" % d)
try:
    "%(missing)s" % d
except KeyError:
    print("KeyError")
row = {"id": 7, "name": "bolt", "qty": 120, "price": 0.25}
print("%(id)03d %(name)-6s|%(qty)5d %(price).2f" % row)
print("%(name)s" % {"name": ["list", "value"]})
print("%%(literal) %(id)d" % row)
