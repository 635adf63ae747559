# deeply nested literal displays and mixed brackets spanning lines
data = {
    "list": [1, [2, [3, [4, [5]]]]],
    "tuple": (1, (2, (3,))),
    "dict": {"a": {"b": {"c": [{"d": ()}]}}},
    "set_len": len({1, 2, 2, 3}),
}
print(data["list"][1][1][1][1][0])
print(data["dict"]["a"]["b"]["c"][0]["d"])
print(data)
print('1:', 1)
print('((((1,),),),):', ((((1,),),),))
empty = ([], (), {}, [[]], [()])
print(empty)
single = (1,)
not_tuple = (1)
print('type(single).__name__:', type(single).__name__)
print('type(not_tuple).__name__:', type(not_tuple).__name__)
print([
    x * y
    for x in (1, 2)
    for y in (10, 20)
])
