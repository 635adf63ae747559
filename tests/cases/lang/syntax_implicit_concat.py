# adjacent string literal concatenation across forms and lines
s = "abc" 'def' """ghi"""
print(s)
t = ("first part, "
     "second part, "
     'third part')
print(t)
print(r"raw\n" "cooked\\n")
b = b"ab" b'cd'
print(b)
x = 5
print(f"x={x} " "plain " f"{x + 1}")
print(len("a" "b" "c"))
d = {"key" "suffix": 1}
print(d)
