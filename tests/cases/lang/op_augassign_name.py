# augmented assignment on plain names for every operator
x = 10
x += 5; print("+=", x)
x -= 3; print("-=", x)
x *= 4; print("*=", x)
x //= 5; print("//=", x)
x %= 5; print("%=", x)
x **= 5; print("**=", x)
x <<= 2; print("<<=", x)
x >>= 1; print(">>=", x)
x &= 0xF0; print("&=", x)
x |= 0x0F; print("|=", x)
x ^= 0xFF; print("^=", x)
f = 7
f /= 2; print("/=", f)
s = "ab"
s += "cd"; print(s)
s *= 2; print(s)
t = (1,)
t2 = t
t += (2,)
print('t:', t)
print('t2:', t2)
print('t is t2:', t is t2)
l = [1]
l2 = l
l += [2]
print('l:', l)
print('l2:', l2)
print('l is l2:', l is l2)
l *= 2
print(l2)
