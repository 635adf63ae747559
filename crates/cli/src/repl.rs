//! The interactive REPL (rustyline): prompts, multi-line blocks with auto-indent, paste mode
//! (Ctrl-E, as in MicroPython), tab completion through `Interp::complete`, history.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{
    Cmd, CompletionType, ConditionalEventHandler, Config, Context, Editor, Event, EventContext,
    EventHandler, Helper, KeyEvent, RepeatCount,
};
use weft_vm::port::{Port, Stream};
use weft_vm::{Interp, ReplOutcome};

use crate::port::{self, OsPort};

const LOGO: &str = r"                __ _
__      _____  / _| |_
\ \ /\ / / _ \| |_| __|
 \ V  V /  __/|  _| |_
  \_/\_/ \___||_|  \__|";

pub fn banner() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        os => os,
    };
    format!(
        "{LOGO}\nWeft {} (MicroPython-compatible) on {os}; Ctrl-D to exit, Ctrl-E paste mode, help() for help\n",
        env!("CARGO_PKG_VERSION")
    )
}

// ---------------------------------------------------------------------------------------------
// Line analysis (pure functions, unit-tested)

pub use weft_vm::repl_lines::{opens_block, starts_block, strip_comment};

fn leading_ws(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// The indentation to pre-fill on the line after `line`.
pub fn next_indent(line: &str) -> String {
    let ws = leading_ws(line);
    if opens_block(line) {
        return format!("{ws}    ");
    }
    let code = strip_comment(line).trim();
    let first = code
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next();
    if matches!(
        first,
        Some("return" | "pass" | "break" | "continue" | "raise")
    ) {
        // the block is over: one level out
        let cut = ws.len().saturating_sub(4);
        return ws[..cut].to_string();
    }
    ws.to_string()
}

/// Split the text before the cursor into (start of the completed part, expression, prefix):
/// `"x = os.pa"` → `(7, "os", "pa")`; `"pri"` → `(0, "", "pri")`.
pub fn completion_target(before: &str) -> Option<(usize, &str, &str)> {
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[start..];
    if word.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    match word.rfind('.') {
        Some(dot) => Some((start + dot + 1, &word[..dot], &word[dot + 1..])),
        None => Some((start, "", word)),
    }
}

// ---------------------------------------------------------------------------------------------
// rustyline glue

struct ReplHelper {
    interp: Rc<RefCell<Interp>>,
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        if before.trim().is_empty() {
            // Tab at the start of a line indents
            return Ok((pos, vec!["    ".to_string()]));
        }
        let Some((start, expr, prefix)) = completion_target(before) else {
            return Ok((pos, Vec::new()));
        };
        let mut names = match self.interp.try_borrow_mut() {
            Ok(mut interp) => interp.complete(expr, prefix),
            Err(_) => Vec::new(),
        };
        if !prefix.starts_with('_') {
            names.retain(|n| !n.starts_with('_'));
        }
        names.sort();
        names.dedup();
        Ok((start, names))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}
impl Highlighter for ReplHelper {}
impl Validator for ReplHelper {}
impl Helper for ReplHelper {}

#[derive(Default)]
struct Keys {
    /// Ctrl-E on an empty line was pressed: enter paste mode
    paste_requested: AtomicBool,
    /// we are reading paste-mode lines
    in_paste: AtomicBool,
    /// Ctrl-D was pressed in paste mode: run the block
    paste_finish: AtomicBool,
}

struct CtrlE(Arc<Keys>);

impl ConditionalEventHandler for CtrlE {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if ctx.line().is_empty() && !self.0.in_paste.load(Ordering::SeqCst) {
            self.0.paste_requested.store(true, Ordering::SeqCst);
            Some(Cmd::AcceptLine)
        } else {
            None // end-of-line, as usual
        }
    }
}

struct CtrlD(Arc<Keys>);

impl ConditionalEventHandler for CtrlD {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, _: &EventContext) -> Option<Cmd> {
        if self.0.in_paste.load(Ordering::SeqCst) {
            self.0.paste_finish.store(true, Ordering::SeqCst);
            Some(Cmd::AcceptLine)
        } else {
            None
        }
    }
}

fn history_file() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".weft_history"))
}

/// Run the REPL until Ctrl-D or `SystemExit`; returns the exit status.
pub fn run(interp: Interp, port: &'static OsPort, show_banner: bool) -> i32 {
    let interp = Rc::new(RefCell::new(interp));
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .indent_size(4)
        .tab_stop(4)
        .build();
    let mut rl: Editor<ReplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("weft: cannot start the REPL: {e}");
            return 1;
        }
    };
    rl.set_helper(Some(ReplHelper {
        interp: interp.clone(),
    }));
    let keys = Arc::new(Keys::default());
    rl.bind_sequence(
        KeyEvent::ctrl('E'),
        EventHandler::Conditional(Box::new(CtrlE(keys.clone()))),
    );
    rl.bind_sequence(
        KeyEvent::ctrl('D'),
        EventHandler::Conditional(Box::new(CtrlD(keys.clone()))),
    );
    let history = history_file();
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    if show_banner {
        port.write(Stream::Stdout, banner().as_bytes());
        port.flush();
    }

    let mut repl = Repl {
        rl,
        keys,
        interp,
        port,
    };
    let status = repl.main_loop();
    if let Some(h) = &history {
        let _ = repl.rl.save_history(h);
    }
    port.flush();
    status
}

struct Repl {
    rl: Editor<ReplHelper, DefaultHistory>,
    keys: Arc<Keys>,
    interp: Rc<RefCell<Interp>>,
    port: &'static OsPort,
}

enum Read {
    Code(String),
    Cancelled,
    Eof,
    Failed(String),
}

impl Repl {
    fn main_loop(&mut self) -> i32 {
        loop {
            let source = match self.read_input() {
                Read::Code(s) => s,
                Read::Cancelled => {
                    println!("KeyboardInterrupt");
                    continue;
                }
                Read::Eof => {
                    println!();
                    return 0;
                }
                Read::Failed(e) => {
                    eprintln!("weft: cannot read input: {e}");
                    return 1;
                }
            };
            if source.trim().is_empty() {
                continue;
            }
            if let ReplOutcome::Exit(code) = self.exec(&source) {
                return code;
            }
        }
    }

    fn exec(&mut self, source: &str) -> ReplOutcome {
        let mut text = source.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        port::clear_interrupt();
        let outcome = match self.interp.try_borrow_mut() {
            Ok(mut interp) => interp.repl_exec(&text),
            Err(_) => ReplOutcome::Done,
        };
        self.port.flush();
        outcome
    }

    fn readline(&mut self, prompt: &str, initial: &str) -> Result<String, ReadlineError> {
        self.port.flush();
        if initial.is_empty() {
            self.rl.readline(prompt)
        } else {
            self.rl.readline_with_initial(prompt, (initial, ""))
        }
    }

    /// One input: a line, a block of lines, or a paste-mode block.
    fn read_input(&mut self) -> Read {
        self.keys.paste_requested.store(false, Ordering::SeqCst);
        let first = match self.readline(">>> ", "") {
            Ok(l) => l,
            Err(ReadlineError::Interrupted) => return Read::Cancelled,
            Err(ReadlineError::Eof) => return Read::Eof,
            Err(e) => return Read::Failed(e.to_string()),
        };
        if self.keys.paste_requested.swap(false, Ordering::SeqCst) {
            return self.paste_mode();
        }
        if first.trim().is_empty() {
            return Read::Code(String::new());
        }
        let mut buf = first.clone();
        let mut block = starts_block(&first) || first.contains('\n');
        let mut last = first.lines().last().unwrap_or("").to_string();
        loop {
            let complete = weft_vm::input_is_complete(&buf);
            let ended = !block || last.trim().is_empty();
            if complete && ended {
                break;
            }
            let indent = if last.trim().is_empty() {
                String::new()
            } else {
                next_indent(&last)
            };
            match self.readline("... ", &indent) {
                Ok(l) => {
                    buf.push('\n');
                    buf.push_str(&l);
                    block |= opens_block(&l);
                    last = l.lines().last().unwrap_or("").to_string();
                    if l.trim().is_empty() && !weft_vm::input_is_complete(&buf) && block {
                        // an empty line ends a block even if the parser wants more: let it
                        // report the error
                        break;
                    }
                }
                Err(ReadlineError::Interrupted) => return Read::Cancelled,
                Err(ReadlineError::Eof) => break,
                Err(e) => return Read::Failed(e.to_string()),
            }
        }
        let _ = self.rl.add_history_entry(buf.trim_end());
        Read::Code(buf)
    }

    /// MicroPython's paste mode: `=== ` lines, no auto-indent; Ctrl-D runs, Ctrl-C cancels.
    fn paste_mode(&mut self) -> Read {
        println!("paste mode; Ctrl-C to cancel, Ctrl-D to finish");
        self.keys.in_paste.store(true, Ordering::SeqCst);
        let mut code = String::new();
        let result = loop {
            self.keys.paste_finish.store(false, Ordering::SeqCst);
            match self.readline("=== ", "") {
                Ok(line) => {
                    code.push_str(&line);
                    if self.keys.paste_finish.load(Ordering::SeqCst) {
                        break Read::Code(code);
                    }
                    code.push('\n');
                }
                Err(ReadlineError::Eof) => break Read::Code(code),
                Err(ReadlineError::Interrupted) => {
                    // MicroPython: a new prompt, nothing else
                    break Read::Code(String::new());
                }
                Err(e) => break Read::Failed(e.to_string()),
            }
        };
        self.keys.in_paste.store(false, Ordering::SeqCst);
        if let Read::Code(c) = &result {
            if !c.trim().is_empty() {
                let _ = self.rl.add_history_entry(c.trim_end());
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments() {
        assert_eq!(strip_comment("x = 1  # c"), "x = 1  ");
        assert_eq!(strip_comment("s = '#' # c"), "s = '#' ");
        assert_eq!(strip_comment(r##"s = "a\"#" "##), r##"s = "a\"#" "##);
        assert_eq!(strip_comment("no comment"), "no comment");
    }

    #[test]
    fn blocks() {
        assert!(opens_block("if x:"));
        assert!(opens_block("def f(a, b):  # comment"));
        assert!(opens_block("    else:"));
        assert!(!opens_block("x = {'a': 1}"));
        assert!(!opens_block("s = ':'"));
        assert!(!opens_block("print(1) # x:"));
    }

    #[test]
    fn indents() {
        assert_eq!(next_indent("if x:"), "    ");
        assert_eq!(next_indent("    for i in y:"), "        ");
        assert_eq!(next_indent("    x = 1"), "    ");
        assert_eq!(next_indent("        return x"), "    ");
        assert_eq!(next_indent("    pass"), "");
        assert_eq!(next_indent("x = 1"), "");
        assert_eq!(next_indent("    returned = 1"), "    ");
    }

    #[test]
    fn completion_targets() {
        assert_eq!(completion_target("pri"), Some((0, "", "pri")));
        assert_eq!(completion_target("x = os.pa"), Some((7, "os", "pa")));
        assert_eq!(completion_target("a.b.c"), Some((4, "a.b", "c")));
        assert_eq!(completion_target("f(sys."), Some((6, "sys", "")));
        assert_eq!(completion_target("1.5"), None);
        assert_eq!(completion_target("x + "), Some((4, "", "")));
    }

    #[test]
    fn banner_mentions_keys() {
        let b = banner();
        assert!(b.contains("Weft 0.1.0 (MicroPython-compatible) on "));
        assert!(b.contains("Ctrl-D to exit, Ctrl-E paste mode, help() for help"));
    }
}
