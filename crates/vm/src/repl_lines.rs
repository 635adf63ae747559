//! Line analysis shared by the REPLs (the CLI's, `weft board`'s, the page's): when does an
//! input need more lines?

/// `line` without a trailing `#` comment (quotes are respected, one line at a time).
pub fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match quote {
            Some(q) => {
                if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '#' => return &line[..i],
                '\'' | '"' => quote = Some(c),
                _ => {}
            },
        }
    }
    line
}

/// Does this line open a block (ends with ':' once the comment is gone)?
pub fn opens_block(line: &str) -> bool {
    strip_comment(line).trim_end().ends_with(':')
}

/// Does the first line of an input start a block that only an empty line ends? Either it
/// opens one (`if x:`) or it is a compound statement on one line (`for i in r: print(i)`),
/// which CPython's and MicroPython's REPLs also follow with `...` until an empty line.
pub fn starts_block(line: &str) -> bool {
    if opens_block(line) {
        return true;
    }
    let code = line.trim_start();
    if code.starts_with('@') {
        return true;
    }
    let word = code
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    matches!(
        word,
        "if" | "while" | "for" | "try" | "with" | "def" | "class" | "async"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_compounds_start_a_block() {
        assert!(starts_block("for i in range(3): print(i)"));
        assert!(starts_block("if x: y = 1"));
        assert!(starts_block("@decorator"));
        assert!(starts_block("while True:"));
        assert!(!starts_block("format(x)"));
        assert!(!starts_block("iffy = 1"));
        assert!(!starts_block("x = {'a': 1}"));
        assert!(!starts_block("x = 1  # a:"));
        assert!(opens_block("if x:  # c"));
    }
}
