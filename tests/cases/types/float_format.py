# float: format() / str.format / % with f, e, g and precision
x = 1234.5678
print("%.2f" % x, "%.0f" % x, "%10.3f|" % x, "%-10.1f|" % x)
print("%e" % x, "%.3e" % x, "%E" % 0.00012)
print("%g" % x, "%g" % 0.0001, "%g" % 1e20, "%g" % 100000.0, "%g" % 1000000.0)
print("{:.3f}".format(3.14159), "{:8.2f}|".format(-2.5), "{:+.1f}".format(2.3125))
print("{:e}".format(1500.0), "{:.2e}".format(0.000123))
print("{:g}".format(0.5), "{:.3g}".format(1234.5))
print("{:.1%}".format(0.256), "{:%}".format(0.5))
print(format(2.5, ".3f"), format(-0.5, "08.3f"))
print(f"{x:.1f} {x:12.4f}| {x:<12.2f}| {x:^12.2f}| {x:>12.2f}|")
print("%5.1f%%" % 99.44)
