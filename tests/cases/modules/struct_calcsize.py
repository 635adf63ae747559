# struct: calcsize with standard sizes, repeat counts, s and x
import struct
for fmt in ("<b", "<B", "<h", "<H", "<i", "<I", "<l", "<L", "<q", "<Q", "<f", "<d",
            "<bhi", ">3h", "<5s", "<2x", "<bxh", "!IH", "<10B"):
    print(fmt, struct.calcsize(fmt))
