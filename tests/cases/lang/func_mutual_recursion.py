# mutually recursive functions resolved at call time through globals
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print('[is_even(i) for i in range(6)]:', [is_even(i) for i in range(6)])
print('is_odd(101):', is_odd(101))
def outer():
    def ping(n):
        return "done" if n == 0 else pong(n - 1)
    def pong(n):
        return "done" if n == 0 else ping(n - 1)
    return ping(7)
print(outer())
def parse_expr(tokens):
    val = parse_term(tokens)
    while tokens and tokens[0] == "+":
        tokens.pop(0)
        val += parse_term(tokens)
    return val
def parse_term(tokens):
    tok = tokens.pop(0)
    if tok == "(":
        v = parse_expr(tokens)
        tokens.pop(0)
        return v
    return int(tok)
print(parse_expr(list("1+(2+(3+4))+5")))
