//! `weft serve`: the playground on a local HTTP server.
//!
//! Serves a folder (the repository root, holding `index.html`, `web/dist` and `web/pkg`) on
//! 127.0.0.1 with `Cross-Origin-Opener-Policy: same-origin` and
//! `Cross-Origin-Embedder-Policy: require-corp`, so the page is cross-origin isolated and
//! can share a `WebAssembly.Memory` between Web Workers (real threads). `--no-isolation`
//! leaves the headers out, to try the green-thread fallback.

use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::args::ServeArgs;

/// Threads answering requests: the page loads its files in parallel.
const WORKERS: usize = 4;

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
    let server = match Server::http(("127.0.0.1", args.port)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!(
                "weft serve: can't listen on 127.0.0.1:{}: {e} (another server there? \
                 --port 0 picks a free port)",
                args.port
            );
            return 1;
        }
    };
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(args.port);
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

    let dir = Arc::new(dir);
    let handles: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let dir = Arc::clone(&dir);
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    answer(req, &dir, isolated);
                }
            })
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
    0
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

fn answer(req: Request, dir: &Path, isolated: bool) {
    let head = match req.method() {
        Method::Get => false,
        Method::Head => true,
        _ => {
            let r = text(405, "only GET and HEAD are served\n", isolated);
            let _ = req.respond(r);
            return;
        }
    };
    let path = match resolve(dir, req.url()) {
        Some(p) => p,
        None => {
            let _ = req.respond(text(400, "bad path\n", isolated));
            return;
        }
    };
    let path = if path.is_dir() {
        path.join("index.html")
    } else {
        path
    };
    let file = match File::open(&path) {
        Ok(f) if path.is_file() => f,
        _ => {
            let msg = format!("not found: {}\n", req.url());
            let _ = req.respond(text(404, &msg, isolated));
            return;
        }
    };
    let len = file.metadata().ok().map(|m| m.len() as usize);
    let mut headers = common_headers(isolated);
    headers.push(header("Content-Type", mime(&path)));
    if head {
        let mut r = Response::empty(200);
        for h in headers {
            r.add_header(h);
        }
        let _ = req.respond(r);
        return;
    }
    let r = Response::new(StatusCode(200), headers, file, len, None);
    let _ = req.respond(r);
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

fn header(name: &str, value: &str) -> Header {
    // both are ASCII constants or MIME types from the table above
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn common_headers(isolated: bool) -> Vec<Header> {
    let mut h = vec![
        // a development server: always serve what was just built
        header("Cache-Control", "no-cache"),
        header("X-Content-Type-Options", "nosniff"),
    ];
    if isolated {
        h.push(header("Cross-Origin-Opener-Policy", "same-origin"));
        h.push(header("Cross-Origin-Embedder-Policy", "require-corp"));
        h.push(header("Cross-Origin-Resource-Policy", "same-origin"));
    }
    h
}

fn text(status: u16, body: &str, isolated: bool) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut r = Response::from_string(body).with_status_code(status);
    for h in common_headers(isolated) {
        r.add_header(h);
    }
    r.add_header(header("Content-Type", "text/plain; charset=utf-8"));
    r
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
}
