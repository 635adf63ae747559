//! An in-memory file system, platform free: the page's per-session file system
//! (`crates/web`) and a board's RAM file system (`crates/board`). `open()`, `os.listdir`,
//! `os.mkdir`, `os.rename`, ... work on it; the embedder can put files in
//! (`MemFs::put_file`) and read them back.
//!
//! Paths are absolute and '/'-separated once resolved against the current directory; `.` and
//! `..` are folded. Files are shared byte vectors, so two handles on one file see each
//! other's writes (as on a real file system).
//!
//! How the data is shared and locked is the embedder's choice ([`Share`]): `Arc<Mutex<_>>`
//! where host threads exist (the page's Web Workers), [`Local`] (`Rc<RefCell<_>>`) on a board
//! with one thread of execution (the ESP32-C3 has no atomic compare-and-swap, so it has no
//! `Arc`).

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

use crate::port::{FileStat, FileSystem, OpenFlags, OsError, OsResult, PortFile};

/// How the file system's shared parts are shared and locked.
pub trait Share: 'static {
    /// A shared, lockable `T`.
    type P<T: 'static>: Clone;
    fn new<T: 'static>(t: T) -> Self::P<T>;
    /// Run `f` with the value locked.
    fn with<T: 'static, R>(p: &Self::P<T>, f: impl FnOnce(&mut T) -> R) -> R;
    /// The clock for modification times: seconds since the epoch (or since boot).
    type Clock: Fn() -> i64 + 'static;
}

/// One thread of execution (a board): `Rc<RefCell<_>>`. A `MemFs<Local>` is not `Sync`; a
/// port that holds one must have a single thread.
pub struct Local;

impl Share for Local {
    type P<T: 'static> = Rc<RefCell<T>>;
    type Clock = Box<dyn Fn() -> i64>;
    fn new<T: 'static>(t: T) -> Rc<RefCell<T>> {
        Rc::new(RefCell::new(t))
    }
    fn with<T: 'static, R>(p: &Rc<RefCell<T>>, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut p.borrow_mut())
    }
}

const ENOENT: i32 = 2;
const EEXIST: i32 = 17;
const ENOTDIR: i32 = 20;
const EISDIR: i32 = 21;
const EINVAL: i32 = 22;
const ENOTEMPTY: i32 = 39;
const EBADF: i32 = 9;

fn error<T>(errno: i32) -> OsResult<T> {
    let msg = match errno {
        ENOENT => "No such file or directory",
        EEXIST => "File exists",
        ENOTDIR => "Not a directory",
        EISDIR => "Is a directory",
        EINVAL => "Invalid argument",
        ENOTEMPTY => "Directory not empty",
        EBADF => "Bad file descriptor",
        _ => "I/O error",
    };
    Err(OsError {
        errno,
        msg: msg.into(),
    })
}

enum Node<S: Share> {
    Dir,
    File(S::P<FileData>),
}

impl<S: Share> Clone for Node<S> {
    fn clone(&self) -> Self {
        match self {
            Node::Dir => Node::Dir,
            Node::File(f) => Node::File(f.clone()),
        }
    }
}

struct FileData {
    bytes: Vec<u8>,
    mtime: i64,
}

struct Tree<S: Share> {
    /// absolute path → node; "/" is always there
    nodes: BTreeMap<String, Node<S>>,
    cwd: String,
}

pub struct MemFs<S: Share> {
    tree: S::P<Tree<S>>,
    /// wall clock in seconds, for mtimes
    now_s: S::P<S::Clock>,
}

/// Fold `path` (relative to `cwd` unless absolute) into an absolute path without `.`/`..`.
fn resolve(cwd: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let full = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{}", cwd, path)
    };
    for p in full.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// Is `child` directly inside `dir`?
fn is_child(dir: &str, child: &str) -> bool {
    child != "/" && parent(child) == dir
}

impl<S: Share> Tree<S> {
    fn parent_is_dir(&self, path: &str) -> OsResult<()> {
        match self.nodes.get(parent(path)) {
            Some(Node::Dir) => Ok(()),
            Some(Node::File(_)) => error(ENOTDIR),
            None => error(ENOENT),
        }
    }
}

impl<S: Share> MemFs<S> {
    pub fn new(now_s: S::Clock) -> MemFs<S> {
        let mut nodes = BTreeMap::new();
        nodes.insert("/".to_string(), Node::Dir);
        MemFs {
            tree: S::new(Tree {
                nodes,
                cwd: "/".into(),
            }),
            now_s: S::new(now_s),
        }
    }

    fn now(&self) -> i64 {
        S::with(&self.now_s, |c| c())
    }

    fn tree<R>(&self, f: impl FnOnce(&mut Tree<S>) -> R) -> R {
        S::with(&self.tree, f)
    }

    /// Create (or replace) a file, making its folders.
    pub fn put_file(&self, path: &str, bytes: Vec<u8>) {
        self.tree(|t| {
            let path = resolve(&t.cwd, path);
            let mut dir = parent(&path).to_string();
            let mut missing = Vec::new();
            while !t.nodes.contains_key(&dir) {
                missing.push(dir.clone());
                dir = parent(&dir).to_string();
            }
            for d in missing {
                t.nodes.insert(d, Node::Dir);
            }
            let data = FileData {
                bytes,
                mtime: self.now(),
            };
            t.nodes.insert(path, Node::File(S::new(data)));
        })
    }

    /// Make a folder and its parents (for setting up the current directory).
    pub fn make_dirs(&self, path: &str) {
        self.tree(|t| {
            let path = resolve(&t.cwd, path);
            let mut p = path.as_str();
            loop {
                t.nodes.entry(p.to_string()).or_insert(Node::Dir);
                if p == "/" {
                    break;
                }
                p = parent(p);
            }
        })
    }

    /// The contents of a file, if it exists.
    pub fn get_file(&self, path: &str) -> Option<Vec<u8>> {
        self.tree(|t| match t.nodes.get(&resolve(&t.cwd, path)) {
            Some(Node::File(f)) => Some(S::with(f, |d| d.bytes.clone())),
            _ => None,
        })
    }
}

struct MemFile<S: Share> {
    data: S::P<FileData>,
    pos: usize,
    flags: OpenFlags,
    now_s: S::P<S::Clock>,
}

impl<S: Share> PortFile for MemFile<S> {
    fn read(&mut self, buf: &mut [u8]) -> OsResult<usize> {
        if !self.flags.read {
            return error(EBADF);
        }
        let pos = self.pos;
        let (start, n) = S::with(&self.data, |d| {
            let start = pos.min(d.bytes.len());
            let n = buf.len().min(d.bytes.len() - start);
            buf[..n].copy_from_slice(&d.bytes[start..start + n]);
            (start, n)
        });
        self.pos = start + n;
        Ok(n)
    }

    fn write(&mut self, buf: &[u8]) -> OsResult<usize> {
        if !self.flags.write && !self.flags.append {
            return error(EBADF);
        }
        let now = S::with(&self.now_s, |c| c());
        let (append, pos) = (self.flags.append, self.pos);
        self.pos = S::with(&self.data, |d| {
            let pos = if append { d.bytes.len() } else { pos };
            let end = pos + buf.len();
            if d.bytes.len() < end {
                d.bytes.resize(end, 0);
            }
            d.bytes[pos..end].copy_from_slice(buf);
            d.mtime = now;
            end
        });
        Ok(buf.len())
    }

    fn seek(&mut self, pos: i64, whence: i32) -> OsResult<u64> {
        let base = match whence {
            0 => 0,
            1 => self.pos as i64,
            2 => S::with(&self.data, |d| d.bytes.len()) as i64,
            _ => return error(EINVAL),
        };
        let p = base.checked_add(pos).unwrap_or(-1);
        if p < 0 {
            return error(EINVAL);
        }
        self.pos = p as usize;
        Ok(p as u64)
    }

    fn flush(&mut self) -> OsResult<()> {
        Ok(())
    }
}

impl<S: Share> FileSystem for MemFs<S> {
    fn open(&self, path: &str, flags: OpenFlags) -> OsResult<Box<dyn PortFile>> {
        self.tree(|t| {
            let path = resolve(&t.cwd, path);
            let data = match t.nodes.get(&path) {
                Some(Node::Dir) => return error(EISDIR),
                Some(Node::File(f)) => {
                    if flags.exclusive {
                        return error(EEXIST);
                    }
                    if flags.truncate {
                        let now = self.now();
                        S::with(f, |d| {
                            d.bytes.clear();
                            d.mtime = now;
                        });
                    }
                    f.clone()
                }
                None => {
                    if !flags.create {
                        return error(ENOENT);
                    }
                    t.parent_is_dir(&path)?;
                    let f = S::new(FileData {
                        bytes: Vec::new(),
                        mtime: self.now(),
                    });
                    t.nodes.insert(path, Node::File(f.clone()));
                    f
                }
            };
            Ok(Box::new(MemFile::<S> {
                data,
                pos: 0,
                flags,
                now_s: self.now_s.clone(),
            }) as Box<dyn PortFile>)
        })
    }

    fn stat(&self, path: &str) -> OsResult<FileStat> {
        self.tree(|t| match t.nodes.get(&resolve(&t.cwd, path)) {
            Some(Node::Dir) => Ok(FileStat {
                is_dir: true,
                size: 0,
                mtime: 0,
            }),
            Some(Node::File(f)) => Ok(S::with(f, |d| FileStat {
                is_dir: false,
                size: d.bytes.len() as u64,
                mtime: d.mtime,
            })),
            None => error(ENOENT),
        })
    }

    fn listdir(&self, path: &str) -> OsResult<Vec<String>> {
        self.tree(|t| {
            let dir = resolve(&t.cwd, path);
            match t.nodes.get(&dir) {
                Some(Node::Dir) => {}
                Some(Node::File(_)) => return error(ENOTDIR),
                None => return error(ENOENT),
            }
            Ok(t.nodes
                .keys()
                .filter(|k| is_child(&dir, k))
                .map(|k| k[k.rfind('/').map_or(0, |i| i + 1)..].to_string())
                .collect())
        })
    }

    fn remove(&self, path: &str) -> OsResult<()> {
        self.tree(|t| {
            let path = resolve(&t.cwd, path);
            match t.nodes.get(&path) {
                Some(Node::File(_)) => {
                    t.nodes.remove(&path);
                    Ok(())
                }
                Some(Node::Dir) => error(EISDIR),
                None => error(ENOENT),
            }
        })
    }

    fn rename(&self, from: &str, to: &str) -> OsResult<()> {
        self.tree(|t| {
            let from = resolve(&t.cwd, from);
            let to = resolve(&t.cwd, to);
            let node = match t.nodes.get(&from) {
                Some(n) => n.clone(),
                None => return error(ENOENT),
            };
            if from == to {
                return Ok(());
            }
            t.parent_is_dir(&to)?;
            match (&node, t.nodes.get(&to)) {
                (Node::File(_), Some(Node::Dir)) => return error(EISDIR),
                (Node::Dir, Some(Node::File(_))) => return error(ENOTDIR),
                (Node::Dir, Some(Node::Dir)) => {
                    let prefix = format!("{}/", to);
                    if t.nodes.keys().any(|k| k.starts_with(&prefix)) {
                        return error(ENOTEMPTY);
                    }
                }
                _ => {}
            }
            if matches!(node, Node::Dir) && to.starts_with(&format!("{}/", from)) {
                return error(EINVAL);
            }
            // move the node and everything under it
            let prefix = format!("{}/", from);
            let moved: Vec<(String, Node<S>)> = t
                .nodes
                .iter()
                .filter(|(k, _)| **k == from || k.starts_with(&prefix))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, _) in &moved {
                t.nodes.remove(k);
            }
            for (k, v) in moved {
                let nk = format!("{}{}", to, &k[from.len()..]);
                t.nodes.insert(nk, v);
            }
            Ok(())
        })
    }

    fn mkdir(&self, path: &str) -> OsResult<()> {
        self.tree(|t| {
            let path = resolve(&t.cwd, path);
            if t.nodes.contains_key(&path) {
                return error(EEXIST);
            }
            t.parent_is_dir(&path)?;
            t.nodes.insert(path, Node::Dir);
            Ok(())
        })
    }

    fn rmdir(&self, path: &str) -> OsResult<()> {
        self.tree(|t| {
            let path = resolve(&t.cwd, path);
            match t.nodes.get(&path) {
                Some(Node::Dir) => {}
                Some(Node::File(_)) => return error(ENOTDIR),
                None => return error(ENOENT),
            }
            if path == "/" || t.nodes.keys().any(|k| is_child(&path, k)) {
                return error(ENOTEMPTY);
            }
            t.nodes.remove(&path);
            Ok(())
        })
    }

    fn getcwd(&self) -> OsResult<String> {
        Ok(self.tree(|t| t.cwd.clone()))
    }

    fn chdir(&self, path: &str) -> OsResult<()> {
        self.tree(|t| {
            let path = resolve(&t.cwd, path);
            match t.nodes.get(&path) {
                Some(Node::Dir) => {
                    t.cwd = path;
                    Ok(())
                }
                Some(Node::File(_)) => error(ENOTDIR),
                None => error(ENOENT),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use alloc::vec;

    fn fs() -> MemFs<Local> {
        MemFs::new(Box::new(|| 1i64) as Box<dyn Fn() -> i64>)
    }

    fn rw() -> OpenFlags {
        OpenFlags {
            read: true,
            write: true,
            create: true,
            ..Default::default()
        }
    }

    #[test]
    fn files_and_dirs() {
        let fs = fs();
        fs.mkdir("a").unwrap();
        fs.chdir("a").unwrap();
        assert_eq!(fs.getcwd().unwrap(), "/a");
        let mut f = fs.open("x.txt", rw()).unwrap();
        f.write(b"hello").unwrap();
        f.seek(0, 0).unwrap();
        let mut b = [0u8; 10];
        assert_eq!(f.read(&mut b).unwrap(), 5);
        assert_eq!(fs.listdir("/a").unwrap(), vec!["x.txt"]);
        assert_eq!(fs.stat("x.txt").unwrap().size, 5);
        assert_eq!(fs.rmdir("/a").unwrap_err().errno, ENOTEMPTY);
        fs.rename("x.txt", "../y.txt").unwrap();
        assert_eq!(fs.get_file("/y.txt").unwrap(), b"hello");
        assert_eq!(
            fs.open("x.txt", OpenFlags::default()).err().unwrap().errno,
            ENOENT
        );
        fs.chdir("..").unwrap();
        fs.rmdir("a").unwrap();
        assert_eq!(fs.listdir(".").unwrap(), vec!["y.txt"]);
        fs.put_file("/p/q/r.py", b"x=1".to_vec());
        assert!(fs.stat("/p/q").unwrap().is_dir);
        assert_eq!(fs.remove("/p").unwrap_err().errno, EISDIR);
    }
}
