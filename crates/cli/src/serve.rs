//! `weft serve`: the playground on a local HTTP server.
//!
//! Serves a folder (the repository root, holding `index.html`, `web/dist` and `web/pkg`) on
//! 127.0.0.1 with `Cross-Origin-Opener-Policy: same-origin` and
//! `Cross-Origin-Embedder-Policy: require-corp`, so the page is cross-origin isolated and
//! can share a `WebAssembly.Memory` between Web Workers (real threads). `--no-isolation`
//! leaves the headers out, to try the green-thread fallback.
//!
//! Each connection gets its own thread, which answers its requests in turn (HTTP/1.1
//! keep-alive; `httparse` reads the request head). This replaced `tiny_http`, whose worker
//! pool can leave a new connection unread for good: its `spawn` counts a worker that was
//! just woken for another task as still idle, queues the new connection, and every worker
//! then sits on a browser's idle keep-alive connection (seen as two page chunks that never
//! loaded, their requests unread in the socket).

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::args::ServeArgs;

/// The most a request head may take (the page's requests are a few hundred bytes).
const MAX_HEAD: usize = 16 * 1024;
/// An idle keep-alive connection is closed after this long (its thread ends).
const IDLE: Duration = Duration::from_secs(30);

pub fn run(args: &ServeArgs) -> i32 {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => match std::env::current_dir() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("weft serve: can't read the current folder: {e}");
                return 1;
            }
        },
    };
    let dir = match std::fs::canonicalize(&dir) {
        Ok(d) if d.is_dir() => d,
        Ok(d) => {
            eprintln!("weft serve: {} is not a folder", d.display());
            return 2;
        }
        Err(e) => {
            eprintln!("weft serve: can't open {}: {e}", dir.display());
            return 2;
        }
    };
    if !dir.join("index.html").is_file() {
        eprintln!(
            "weft serve: {} has no index.html; run it from the Weft repository or give \
             --dir (the page is built by `cargo xtask playground`)",
            dir.display()
        );
        return 2;
    }
    let listener = match TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "weft serve: can't listen on 127.0.0.1:{}: {e} (another server there? \
                 --port 0 picks a free port)",
                args.port
            );
            return 1;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    let url = format!("http://127.0.0.1:{port}/");
    let isolated = !args.no_isolation;
    // stdout may be a pipe that is closed early (a test reading the first line): the server
    // goes on without it
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "Weft playground: {url}\n  serving {} ({}); Ctrl-C stops",
        dir.display(),
        if isolated {
            "cross-origin isolated: real threads"
        } else {
            "without COOP/COEP headers: green threads unless the service worker adds them"
        }
    );
    let _ = out.flush();
    if args.open {
        open_browser(&url);
    }

    serve_forever(listener, dir, isolated);
    0
}

/// Answer every connection `listener` accepts, each on its own thread.
fn serve_forever(listener: TcpListener, dir: PathBuf, isolated: bool) {
    let dir = Arc::new(dir);
    for conn in listener.incoming() {
        let Ok(stream) = conn else { continue };
        let dir = Arc::clone(&dir);
        // a connection the OS could not give a thread is dropped (the browser retries)
        let _ = std::thread::Builder::new()
            .name("weft-serve".into())
            .spawn(move || serve_connection(stream, &dir, isolated));
    }
}

/// A parsed request head: method, path, and whether the client keeps the connection.
struct Head {
    method: String,
    path: String,
    keep_alive: bool,
}

/// Read one request head (up to the blank line). `Ok(None)`: the client closed the
/// connection or went idle; `Err(())`: a malformed or oversized head.
fn read_head(r: &mut BufReader<TcpStream>) -> Result<Option<Head>, ()> {
    let mut buf = Vec::new();
    loop {
        let n = match r.read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(_) => return Ok(None),
        };
        if n == 0 {
            return if buf.is_empty() { Ok(None) } else { Err(()) };
        }
        if buf.len() > MAX_HEAD {
            return Err(());
        }
        if buf.ends_with(b"\r\n\r\n") || buf.ends_with(b"\n\n") {
            break;
        }
        if buf == b"\r\n" || buf == b"\n" {
            buf.clear(); // blank lines before a request are allowed
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(&buf) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Err(()),
    }
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let connection = header("connection").unwrap_or_default();
    let keep_alive = if req.version == Some(0) {
        connection.contains("keep-alive")
    } else {
        !connection.contains("close")
    };
    // a body (none of the page's requests has one) is read and dropped
    let body: u64 = header("content-length")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let head = Head {
        method: req.method.unwrap_or("").to_string(),
        path: req.path.unwrap_or("").to_string(),
        keep_alive,
    };
    if body > 0 && std::io::copy(&mut r.by_ref().take(body), &mut std::io::sink()).is_err() {
        return Ok(None);
    }
    Ok(Some(head))
}

fn serve_connection(stream: TcpStream, dir: &Path, isolated: bool) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_nodelay(true);
    let Ok(mut out) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let head = match read_head(&mut reader) {
            Ok(Some(h)) => h,
            Ok(None) => return,
            Err(()) => {
                let _ = respond_text(&mut out, 400, "bad request\n", isolated, false);
                return;
            }
        };
        if answer(&mut out, &head, dir, isolated).is_err() || !head.keep_alive {
            return;
        }
    }
}

fn open_browser(url: &str) {
    // On Linux without a display, webbrowser would fall back to a text browser that takes
    // over this terminal: only try when there is somewhere to show a page.
    let graphical = !cfg!(target_os = "linux")
        || ["DISPLAY", "WAYLAND_DISPLAY", "BROWSER"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
    if graphical && webbrowser::open(url).is_ok() {
        return;
    }
    let _ = writeln!(
        std::io::stdout(),
        "  (no browser to open here: open {url} yourself)"
    );
}

/// Answer one request on `out`.
fn answer(out: &mut TcpStream, req: &Head, dir: &Path, isolated: bool) -> std::io::Result<()> {
    let keep = req.keep_alive;
    let head = match req.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => return respond_text(out, 405, "only GET and HEAD are served\n", isolated, keep),
    };
    let Some(path) = resolve(dir, &req.path) else {
        return respond_text(out, 400, "bad path\n", isolated, keep);
    };
    let path = if path.is_dir() {
        path.join("index.html")
    } else {
        path
    };
    let mut file = match File::open(&path) {
        Ok(f) if path.is_file() => f,
        _ => {
            let msg = format!("not found: {}\n", req.path);
            return respond_text(out, 404, &msg, isolated, keep);
        }
    };
    let len = file.metadata()?.len();
    write_head(out, 200, mime(&path), len, isolated, keep)?;
    if !head {
        let sent = std::io::copy(&mut Read::by_ref(&mut file).take(len), out)?;
        if sent != len {
            // the file shrank while being sent: the length promised is wrong, close
            return Err(std::io::Error::other("file changed while sent"));
        }
    }
    out.flush()
}

/// The file a request URL names inside `dir`; `None` for paths that would leave it.
fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut out = dir.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    (!s.contains('\0')).then_some(s)
}

fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "py" | "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

/// The status line and headers of a response whose body is `len` bytes.
fn write_head(
    out: &mut TcpStream,
    status: u16,
    content_type: &str,
    len: u64,
    isolated: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut h = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\n\
         Connection: {}\r\n",
        reason(status),
        if keep_alive { "keep-alive" } else { "close" }
    );
    for (name, value) in common_headers(isolated) {
        h.push_str(name);
        h.push_str(": ");
        h.push_str(value);
        h.push_str("\r\n");
    }
    h.push_str("\r\n");
    out.write_all(h.as_bytes())
}

fn common_headers(isolated: bool) -> Vec<(&'static str, &'static str)> {
    let mut h = vec![
        // a development server: always serve what was just built
        ("Cache-Control", "no-cache"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    if isolated {
        h.push(("Cross-Origin-Opener-Policy", "same-origin"));
        h.push(("Cross-Origin-Embedder-Policy", "require-corp"));
        h.push(("Cross-Origin-Resource-Policy", "same-origin"));
    }
    h
}

fn respond_text(
    out: &mut TcpStream,
    status: u16,
    body: &str,
    isolated: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let ct = "text/plain; charset=utf-8";
    write_head(out, status, ct, body.len() as u64, isolated, keep_alive)?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_stays_inside_the_folder() {
        let d = Path::new("/srv/site");
        assert_eq!(
            resolve(d, "/web/dist/main.js?v=1"),
            Some(PathBuf::from("/srv/site/web/dist/main.js"))
        );
        assert_eq!(resolve(d, "/"), Some(PathBuf::from("/srv/site")));
        assert_eq!(
            resolve(d, "/a%20b.py"),
            Some(PathBuf::from("/srv/site/a b.py"))
        );
        assert_eq!(resolve(d, "/../etc/passwd"), None);
        assert_eq!(resolve(d, "/web/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(d, "/bad%zz"), None);
        assert_eq!(resolve(d, "/nul%00"), None);
    }

    #[test]
    fn mime_types_the_page_needs() {
        assert_eq!(mime(Path::new("a/weft_bg.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("main.js")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("INDEX.HTML")), "text/html; charset=utf-8");
    }

    /// A new connection is answered while every earlier one sits idle on keep-alive (what a
    /// browser does); tiny_http's worker pool could leave it unread for good.
    #[test]
    fn a_new_connection_is_answered_while_others_idle() {
        use std::io::{BufRead, BufReader, Write};
        let dir = std::env::temp_dir().join(format!("weft-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let d = dir.clone();
        std::thread::spawn(move || serve_forever(listener, d, true));
        let get = |s: &mut TcpStream| -> String {
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                r.read_line(&mut line).unwrap();
                if line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let mut body = [0u8; 9];
            std::io::Read::read_exact(&mut r, &mut body).unwrap();
            head + std::str::from_utf8(&body).unwrap()
        };
        // (the read timeout only bounds a hang)
        let open = || {
            let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
            s
        };
        let mut idle: Vec<TcpStream> = (0..12).map(|_| open()).collect();
        for s in idle.iter_mut() {
            assert!(get(s).starts_with("HTTP/1.1 200 OK"));
        }
        let mut fresh = open();
        let answer = get(&mut fresh);
        assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
        assert!(answer.contains("Cross-Origin-Embedder-Policy: require-corp"));
        assert!(answer.ends_with("<p>hi</p>"));
        // and the idle ones still answer (keep-alive)
        assert!(get(&mut idle[0]).ends_with("<p>hi</p>"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
