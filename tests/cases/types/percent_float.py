# %-formatting: floats with %f %e %g and precision/width
x = 2.71828
print("%f" % x)
print("%.2f|%8.3f|%-8.1f|%08.2f" % (x, x, x, x))
print("%e|%.2e|%E" % (x, 12345.678, 0.001))
print("%g|%g|%g|%.3g" % (x, 1e-5, 1e10, 1234.5))
print("%+.1f|% .1f" % (x, x))
print("%f" % 3, "%.1f" % -0.375)
print("%s %r" % (1.5, 0.1))
