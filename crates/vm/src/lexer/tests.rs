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
