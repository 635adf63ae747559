# %-formatting: integers with %d %i %x %X %o and widths/flags
print("%d %i" % (42, -7))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o" % (255, 255, 8))
print("%#x %#o" % (255, 8))
print("%d" % 2 ** 70)
print("%d" % True, "%d" % -0)
print("%3d%%" % 50)
