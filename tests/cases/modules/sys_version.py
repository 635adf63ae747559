# sys: version_info major is 3; version is a str; implementation has a name
import sys
print(sys.version_info[0] >= 3, sys.version_info[0])
print(type(sys.version).__name__)
print(len(sys.version_info) >= 3)
print(type(sys.implementation.name).__name__)
print(sys.version_info >= (3, 0))
