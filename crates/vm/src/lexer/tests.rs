extern crate std;

use super::*;
use std::vec::Vec;

fn toks(src: &str) -> Vec<Tok> {
    let l = tokenize(&normalize(src), LexMode::File);
    assert!(l.error.is_none(), "lex error for {:?}: {:?}", src, l.error);
    l.tokens.into_iter().map(|t| t.tok).collect()
}

#[test]
fn smoke() {
    assert_eq!(
        toks("x"),
        [Tok::Name("x".into()), Tok::Newline, Tok::EndMarker]
    );
}

fn lex_err(src: &str) -> CompileError {
    let l = tokenize(&normalize(src), LexMode::File);
    assert_eq!(
        l.tokens.last().map(|t| &t.tok),
        Some(&Tok::Error),
        "{:?}",
        src
    );
    l.error.expect("an error").err
}

#[test]
fn operators_and_delimiters() {
    let src = "( ) [ ] { } : , ; + - * / | & < > = . % == != <= >= ~ ^ << >> ** += -= *= /= %= &= |= ^= <<= >>= **= // //= @ @= -> ... :=";
    let expected = [
        Tok::LPar,
        Tok::RPar,
        Tok::LSqb,
        Tok::RSqb,
        Tok::LBrace,
        Tok::RBrace,
        Tok::Colon,
        Tok::Comma,
        Tok::Semi,
        Tok::Plus,
        Tok::Minus,
        Tok::Star,
        Tok::Slash,
        Tok::VBar,
        Tok::Amper,
        Tok::Less,
        Tok::Greater,
        Tok::Equal,
        Tok::Dot,
        Tok::Percent,
        Tok::EqEqual,
        Tok::NotEqual,
        Tok::LessEqual,
        Tok::GreaterEqual,
        Tok::Tilde,
        Tok::Circumflex,
        Tok::LeftShift,
        Tok::RightShift,
        Tok::DoubleStar,
        Tok::PlusEqual,
        Tok::MinEqual,
        Tok::StarEqual,
        Tok::SlashEqual,
        Tok::PercentEqual,
        Tok::AmperEqual,
        Tok::VBarEqual,
        Tok::CircumflexEqual,
        Tok::LeftShiftEqual,
        Tok::RightShiftEqual,
        Tok::DoubleStarEqual,
        Tok::DoubleSlash,
        Tok::DoubleSlashEqual,
        Tok::At,
        Tok::AtEqual,
        Tok::RArrow,
        Tok::Ellipsis,
        Tok::ColonEqual,
        Tok::Newline,
        Tok::EndMarker,
    ];
    assert_eq!(toks(src), expected);
    // no spaces needed
    assert_eq!(toks("a**=-b")[1..3], [Tok::DoubleStarEqual, Tok::Minus]);
    assert_eq!(toks("x...")[1], Tok::Ellipsis);
    assert_eq!(toks("x..")[1..3], [Tok::Dot, Tok::Dot]);
}

#[test]
fn keywords_and_names() {
    let kws = "False None True and as assert async await break class continue def del elif else except \
               finally for from global if import in is lambda nonlocal not or pass raise return try while with yield";
    let t = toks(kws);
    assert_eq!(t.len(), 35 + 2);
    assert!(t.iter().all(|t| !matches!(t, Tok::Name(_))));
    assert_eq!(
        toks("match case type _x x1 é中文 ℘")[..7],
        [
            Tok::Name("match".into()),
            Tok::Name("case".into()),
            Tok::Name("type".into()),
            Tok::Name("_x".into()),
            Tok::Name("x1".into()),
            Tok::Name("é中文".into()),
            Tok::Name("℘".into()),
        ]
    );
}

#[test]
fn numbers() {
    assert_eq!(
        toks("0 123 0xFF 0o7 0B11 1_000")[..6],
        [
            Tok::Int(0),
            Tok::Int(123),
            Tok::Int(255),
            Tok::Int(7),
            Tok::Int(3),
            Tok::Int(1000)
        ]
    );
    assert_eq!(
        toks("1.5 1. .5 1e3 1E-3 1.5e+2")[..6],
        [
            Tok::Float(1.5),
            Tok::Float(1.0),
            Tok::Float(0.5),
            Tok::Float(1000.0),
            Tok::Float(0.001),
            Tok::Float(150.0)
        ]
    );
    assert_eq!(
        toks("3j 1.5J 1e2j")[..3],
        [Tok::Imag(3.0), Tok::Imag(1.5), Tok::Imag(100.0)]
    );
    assert_eq!(
        toks("18446744073709551616")[0],
        Tok::BigInt("18446744073709551616".into())
    );
    assert_eq!(
        toks("0x10000000000000000")[0],
        Tok::BigInt("18446744073709551616".into())
    );
    assert_eq!(
        toks("0o2000000000000000000000")[0],
        Tok::BigInt("18446744073709551616".into())
    );
    assert_eq!(
        toks("-9223372036854775808")[..2],
        [Tok::Minus, Tok::BigInt("9223372036854775808".into())]
    );
    assert!(lex_err(&"9".repeat(5000))
        .msg
        .starts_with("Exceeds the limit"));
    assert!(lex_err(&format!("0x{}", "f".repeat(100_000)))
        .msg
        .contains("too large"));
    assert_eq!(lex_err("1_").msg, "invalid decimal literal");
    assert_eq!(lex_err("0x_").msg, "invalid hexadecimal literal");
    assert_eq!(lex_err("0b").msg, "invalid binary literal");
    assert_eq!(lex_err("0o").msg, "invalid octal literal");
    assert_eq!(lex_err("0xg").msg, "invalid hexadecimal literal");
    assert_eq!(lex_err("1.5abc").msg, "invalid decimal literal");
    assert_eq!(
        toks("1if 1else 2")[..5],
        [Tok::Int(1), Tok::If, Tok::Int(1), Tok::Else, Tok::Int(2)]
    );
}

#[test]
fn strings() {
    assert_eq!(
        toks(r#"'a' "b" '''c''' """d""" r'\n' b'x' Rb'\x' bR"y" u'z' f'{x}'"#)[..10],
        [
            Tok::Str("a".into()),
            Tok::Str("b".into()),
            Tok::Str("c".into()),
            Tok::Str("d".into()),
            Tok::Str("\\n".into()),
            Tok::Bytes(b"x".to_vec()),
            Tok::Bytes(b"\\x".to_vec()),
            Tok::Bytes(b"y".to_vec()),
            Tok::Str("z".into()),
            Tok::FStr(Box::new(FStrTok {
                body: "{x}".into(),
                raw: false,
                line: 1,
                col: 55
            })),
        ]
    );
    assert_eq!(
        toks("'''a\n'b'\n\"c\"'''")[0],
        Tok::Str("a\n'b'\n\"c\"".into())
    );
    assert_eq!(toks(r"'\u20ac\q'")[0], Tok::Str("€\\q".into()));
}

#[test]
fn layout() {
    use Tok::*;
    let n = |s: &str| Name(s.into());
    assert_eq!(
        toks("if a:\n    b\n    if c:\n        d\ne\n"),
        [
            If,
            n("a"),
            Colon,
            Newline,
            Indent,
            n("b"),
            Newline,
            If,
            n("c"),
            Colon,
            Newline,
            Indent,
            n("d"),
            Newline,
            Dedent,
            Dedent,
            n("e"),
            Newline,
            EndMarker
        ]
    );
    // blank lines, comments, brackets and continuations produce no NEWLINE/INDENT
    assert_eq!(
        toks("a = (1,\n   2)  # c\n\n   # x\nb \\\n  = 3"),
        [
            n("a"),
            Equal,
            LPar,
            Int(1),
            Comma,
            Int(2),
            RPar,
            Newline,
            n("b"),
            Equal,
            Int(3),
            Newline,
            EndMarker
        ]
    );
    // missing final newline inside a block
    assert_eq!(
        toks("if a:\n  b"),
        [
            If,
            n("a"),
            Colon,
            Newline,
            Indent,
            n("b"),
            Newline,
            Dedent,
            EndMarker
        ]
    );
    // tabs
    assert_eq!(
        toks("if a:\n\tb\n\tc"),
        [
            If,
            n("a"),
            Colon,
            Newline,
            Indent,
            n("b"),
            Newline,
            n("c"),
            Newline,
            Dedent,
            EndMarker
        ]
    );
    // \r\n and \r
    assert_eq!(
        toks("a\r\nb\rc"),
        [n("a"), Newline, n("b"), Newline, n("c"), Newline, EndMarker]
    );
    assert_eq!(toks(""), [EndMarker]);
    assert_eq!(toks("\u{feff}a"), [n("a"), Newline, EndMarker]);
}

#[test]
fn positions() {
    let l = tokenize("ab = 'é'  + cd\n  \n  x", LexMode::File);
    let pos: Vec<(u32, u32)> = l.tokens.iter().map(|t| (t.line, t.col)).collect();
    assert_eq!(
        pos[..6],
        [(1, 0), (1, 3), (1, 5), (1, 10), (1, 12), (1, 14)]
    );
    assert!(l.error.is_none()); // "unexpected indent" is the parser's to report
    assert_eq!(l.tokens[6].tok, Tok::Indent);
}

#[test]
fn lexer_errors() {
    let e = lex_err("x = 'abc\ny");
    assert_eq!(
        (e.msg.as_str(), e.line, e.col, e.incomplete),
        (
            "unterminated string literal (detected at line 1)",
            1,
            4,
            false
        )
    );
    let e = lex_err("x = '''abc\ny");
    assert_eq!(
        (e.msg.as_str(), e.line, e.col, e.incomplete),
        (
            "unterminated triple-quoted string literal (detected at line 2)",
            1,
            4,
            true
        )
    );
    let e = lex_err("f(a,\n  [b");
    assert_eq!(
        (e.msg.as_str(), e.line, e.col, e.incomplete),
        ("'[' was never closed", 2, 2, true)
    );
    let e = lex_err("a = 1 + \\");
    assert!(e.incomplete);
    let e = lex_err("a €");
    assert_eq!(
        (e.msg.as_str(), e.col),
        ("invalid character '€' (U+20AC)", 2)
    );
    let e = lex_err("a\u{200b}");
    assert_eq!(e.msg, "invalid non-printable character U+200B");
    let e = lex_err("if a:\n    b\n  c");
    assert_eq!(
        (e.kind, e.msg.as_str(), e.line),
        (
            "IndentationError",
            "unindent does not match any outer indentation level",
            3
        )
    );
    assert_eq!(lex_err(&"(".repeat(201)).msg, "too many nested parentheses");
    let mut deep = String::new();
    for i in 0..102 {
        deep.push_str(&" ".repeat(i));
        deep.push_str("if x:\n");
    }
    assert_eq!(lex_err(&deep).msg, "too many levels of indentation");
    assert_eq!(
        lex_err("'\\U00110000'")
            .msg
            .contains("illegal Unicode character"),
        true
    );
    assert!(lex_err("'\\ud800'").msg.contains("surrogate"));
    assert!(lex_err("'\\N{DASH}'").msg.contains("\\N"));
    assert_eq!(
        lex_err("b'\\x1'").msg,
        "(value error) invalid \\x escape at position 0"
    );
}
