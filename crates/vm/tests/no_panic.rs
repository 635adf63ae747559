//! No Python input may panic the VM, overflow the Rust stack or hang: every case in
//! `tests/cases`, and thousands of deterministic mutations of them (truncations, deleted
//! and duplicated lines, flipped characters, spliced fragments), are compiled and run
//! with a bounded budget. The cargo-fuzz target `run` does the same with coverage
//! guidance (`cargo xtask fuzz`).

use std::path::{Path, PathBuf};

use weft_vm::budget_port::{run_bounded, BudgetPort};

static PORT: BudgetPort = BudgetPort::new(64);

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            cases(&p, out);
        } else if p.extension().map(|e| e == "py").unwrap_or(false) {
            out.push(p);
        }
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\n    ",
    "\n",
    "lambda",
    "yield",
    "*",
    "**",
    "=",
    "==",
    "'",
    "\"\"\"",
    "f'{",
    "}'",
    "\\",
    "#",
    "...",
    "global x",
    "nonlocal y",
    "del",
    "async ",
    "await ",
    "return",
    "raise",
    "try:",
    "except:",
    "finally:",
    "with",
    "class C:",
    "def f(*a, **k):",
    "9",
    "1e999",
    "0x",
    "10**10**10",
    "[0]*10**9",
    "while 1: pass\n",
    "import sys\n",
    "super()",
    "__class__",
    "x := 1",
    "for x in x: x\n",
    "b'",
    "\t",
    "\u{00e9}",
    "\u{1F600}",
];

fn mutate(src: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = src.chars().collect();
    let lines: Vec<&str> = src.lines().collect();
    match rng.below(6) {
        0 => chars[..rng.below(chars.len() + 1)].iter().collect(),
        1 if !lines.is_empty() => {
            let k = rng.below(lines.len());
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != k)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
        }
        2 if !lines.is_empty() => {
            let k = rng.below(lines.len());
            let mut v = lines.clone();
            v.insert(k, lines[rng.below(lines.len())]);
            v.join("\n")
        }
        3 if !chars.is_empty() => {
            let mut c = chars.clone();
            let k = rng.below(c.len());
            c[k] = ['(', ')', ':', ' ', '\n', '"', 'x', '0', '.', ','][rng.below(10)];
            c.into_iter().collect()
        }
        _ => {
            let mut c = chars.clone();
            let k = rng.below(c.len() + 1);
            let frag: Vec<char> = FRAGMENTS[rng.below(FRAGMENTS.len())].chars().collect();
            c.splice(k..k, frag);
            c.into_iter().collect()
        }
    }
}

#[test]
fn cases_and_mutations_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases");
    let mut files = Vec::new();
    cases(&root, &mut files);
    assert!(
        files.len() > 100,
        "expected the case corpus at {}",
        root.display()
    );
    let per_case: usize = std::env::var("WEFT_MUTATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut runs = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap_or_default();
        run_bounded(&PORT, &src);
        runs += 1;
        for _ in 0..per_case {
            let m = mutate(&src, &mut rng);
            run_bounded(&PORT, &m);
            runs += 1;
        }
    }
    eprintln!("ran {} programs without a panic", runs);
}

#[test]
fn hostile_programs_end_cleanly() {
    let programs = [
        "while True:\n    try:\n        pass\n    except BaseException:\n        pass\n",
        "def f(): return f()\nf()\n",
        "x = []\nwhile True: x.append(x)\n",
        "'x' * 10**12\n",
        "[0] * 10**12\n",
        "2 ** 10**10\n",
        "a = []\nb = []\nfor i in range(100000):\n    a = [a]\n    b = [b]\nprint(a == b)\n",
        "def g():\n    yield from g()\nnext(g())\n",
        "class A:\n    def __eq__(s, o): return s == o\nA() == A()\n",
        "class A:\n    def __repr__(s): return repr(s)\nrepr(A())\n",
        "import sys\nsys.setrecursionlimit(10**9)\ndef f(n): return f(n+1)\nf(0)\n",
        &("(".repeat(10000) + &")".repeat(10000)),
        &("-".repeat(100000) + "1"),
        &("x = 1\n".to_string() + &"if x:\n".repeat(200)),
    ];
    for p in programs.iter() {
        let status = run_bounded(&PORT, p);
        assert_ne!(status, 0, "hostile program should fail cleanly: {:.60}", p);
    }
}
