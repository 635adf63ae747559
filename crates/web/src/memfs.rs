//! An in-memory file system, one per interpreter (session): `open()`, `os.listdir`,
//! `os.mkdir`, ... work in the page. The page (or the Node runner) can put files in before a
//! run (`Session::put_file`) and read them back.
//!
//! Paths are absolute and '/'-separated once resolved against the current directory; `.` and
//! `..` are folded. Files are shared byte vectors, so two handles on one file see each
//! other's writes (as on a real file system).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use weft_vm::port::{FileStat, FileSystem, OpenFlags, OsError, OsResult, PortFile};

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

#[derive(Clone)]
enum Node {
    Dir,
    File(Arc<Mutex<FileData>>),
}

struct FileData {
    bytes: Vec<u8>,
    mtime: i64,
}

struct Tree {
    /// absolute path → node; "/" is always there
    nodes: BTreeMap<String, Node>,
    cwd: String,
}

pub struct MemFs {
    tree: Mutex<Tree>,
    /// wall clock in seconds, for mtimes
    now_s: fn() -> i64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
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

impl Tree {
    fn parent_is_dir(&self, path: &str) -> OsResult<()> {
        match self.nodes.get(parent(path)) {
            Some(Node::Dir) => Ok(()),
            Some(Node::File(_)) => error(ENOTDIR),
            None => error(ENOENT),
        }
    }
}

impl MemFs {
    pub fn new(now_s: fn() -> i64) -> MemFs {
        let mut nodes = BTreeMap::new();
        nodes.insert("/".to_string(), Node::Dir);
        MemFs {
            tree: Mutex::new(Tree {
                nodes,
                cwd: "/".into(),
            }),
            now_s,
        }
    }

    /// Create (or replace) a file, making its folders.
    pub fn put_file(&self, path: &str, bytes: Vec<u8>) {
        let mut t = lock(&self.tree);
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
            mtime: (self.now_s)(),
        };
        t.nodes.insert(path, Node::File(Arc::new(Mutex::new(data))));
    }

    /// Make a folder and its parents (for setting up the current directory).
    pub fn make_dirs(&self, path: &str) {
        let mut t = lock(&self.tree);
        let path = resolve(&t.cwd, path);
        let mut p = path.as_str();
        loop {
            t.nodes.entry(p.to_string()).or_insert(Node::Dir);
            if p == "/" {
                break;
            }
            p = parent(p);
        }
    }

    /// The contents of a file, if it exists.
    pub fn get_file(&self, path: &str) -> Option<Vec<u8>> {
        let t = lock(&self.tree);
        match t.nodes.get(&resolve(&t.cwd, path)) {
            Some(Node::File(f)) => Some(lock(f).bytes.clone()),
            _ => None,
        }
    }
}

struct MemFile {
    data: Arc<Mutex<FileData>>,
    pos: usize,
    flags: OpenFlags,
    now_s: fn() -> i64,
}

impl PortFile for MemFile {
    fn read(&mut self, buf: &mut [u8]) -> OsResult<usize> {
        if !self.flags.read {
            return error(EBADF);
        }
        let d = lock(&self.data);
        let start = self.pos.min(d.bytes.len());
        let n = buf.len().min(d.bytes.len() - start);
        buf[..n].copy_from_slice(&d.bytes[start..start + n]);
        self.pos = start + n;
        Ok(n)
    }

    fn write(&mut self, buf: &[u8]) -> OsResult<usize> {
        if !self.flags.write && !self.flags.append {
            return error(EBADF);
        }
        let mut d = lock(&self.data);
        if self.flags.append {
            self.pos = d.bytes.len();
        }
        let end = self.pos + buf.len();
        if d.bytes.len() < end {
            d.bytes.resize(end, 0);
        }
        d.bytes[self.pos..end].copy_from_slice(buf);
        d.mtime = (self.now_s)();
        self.pos = end;
        Ok(buf.len())
    }

    fn seek(&mut self, pos: i64, whence: i32) -> OsResult<u64> {
        let base = match whence {
            0 => 0,
            1 => self.pos as i64,
            2 => lock(&self.data).bytes.len() as i64,
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

impl FileSystem for MemFs {
    fn open(&self, path: &str, flags: OpenFlags) -> OsResult<Box<dyn PortFile>> {
        let mut t = lock(&self.tree);
        let path = resolve(&t.cwd, path);
        let data = match t.nodes.get(&path) {
            Some(Node::Dir) => return error(EISDIR),
            Some(Node::File(f)) => {
                if flags.exclusive {
                    return error(EEXIST);
                }
                if flags.truncate {
                    let mut d = lock(f);
                    d.bytes.clear();
                    d.mtime = (self.now_s)();
                }
                f.clone()
            }
            None => {
                if !flags.create {
                    return error(ENOENT);
                }
                t.parent_is_dir(&path)?;
                let f = Arc::new(Mutex::new(FileData {
                    bytes: Vec::new(),
                    mtime: (self.now_s)(),
                }));
                t.nodes.insert(path, Node::File(f.clone()));
                f
            }
        };
        Ok(Box::new(MemFile {
            data,
            pos: 0,
            flags,
            now_s: self.now_s,
        }))
    }

    fn stat(&self, path: &str) -> OsResult<FileStat> {
        let t = lock(&self.tree);
        match t.nodes.get(&resolve(&t.cwd, path)) {
            Some(Node::Dir) => Ok(FileStat {
                is_dir: true,
                size: 0,
                mtime: 0,
            }),
            Some(Node::File(f)) => {
                let d = lock(f);
                Ok(FileStat {
                    is_dir: false,
                    size: d.bytes.len() as u64,
                    mtime: d.mtime,
                })
            }
            None => error(ENOENT),
        }
    }

    fn listdir(&self, path: &str) -> OsResult<Vec<String>> {
        let t = lock(&self.tree);
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
    }

    fn remove(&self, path: &str) -> OsResult<()> {
        let mut t = lock(&self.tree);
        let path = resolve(&t.cwd, path);
        match t.nodes.get(&path) {
            Some(Node::File(_)) => {
                t.nodes.remove(&path);
                Ok(())
            }
            Some(Node::Dir) => error(EISDIR),
            None => error(ENOENT),
        }
    }

    fn rename(&self, from: &str, to: &str) -> OsResult<()> {
        let mut t = lock(&self.tree);
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
        let moved: Vec<(String, Node)> = t
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
    }

    fn mkdir(&self, path: &str) -> OsResult<()> {
        let mut t = lock(&self.tree);
        let path = resolve(&t.cwd, path);
        if t.nodes.contains_key(&path) {
            return error(EEXIST);
        }
        t.parent_is_dir(&path)?;
        t.nodes.insert(path, Node::Dir);
        Ok(())
    }

    fn rmdir(&self, path: &str) -> OsResult<()> {
        let mut t = lock(&self.tree);
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
    }

    fn getcwd(&self) -> OsResult<String> {
        Ok(lock(&self.tree).cwd.clone())
    }

    fn chdir(&self, path: &str) -> OsResult<()> {
        let mut t = lock(&self.tree);
        let path = resolve(&t.cwd, path);
        match t.nodes.get(&path) {
            Some(Node::Dir) => {
                t.cwd = path;
                Ok(())
            }
            Some(Node::File(_)) => error(ENOTDIR),
            None => error(ENOENT),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fs() -> MemFs {
        MemFs::new(|| 1)
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
