//! The lexer: source text → tokens, with INDENT/DEDENT. (being written)
