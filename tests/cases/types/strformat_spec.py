# str.format: format specs for ints, floats and strings
print("[{:6}] [{:<6}] [{:^6}] [{:>6}]".format(12, 12, 12, 12))
print("[{:6}] [{:<6}] [{:^6}] [{:>6}]".format("ab", "ab", "ab", "ab"))
print("[{:*^8}] [{:0>5}] [{:#<4}]".format("mid", 7, "a"))
print("[{:x}] [{:#x}] [{:o}] [{:b}] [{:08b}]".format(255, 255, 8, 5, 5))
print("[{:.3f}] [{:10.2e}] [{:+d}] [{: d}]".format(2.0, 12345.678, 5, 5))
print("[{:.2}]".format("abcdef"))
print("[{0:>{1}}]".format("r", 4))
