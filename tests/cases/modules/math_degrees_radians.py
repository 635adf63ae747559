# math: degrees and radians conversions
import math
print(math.degrees(math.pi), math.degrees(math.pi / 2), math.degrees(0))
print(math.radians(180) == math.pi, round(math.radians(90), 10), math.radians(0))
for d in (30, 45, 60, 360, -90):
    print(d, round(math.radians(d), 10), round(math.degrees(math.radians(d)), 10))
