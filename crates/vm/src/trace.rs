//! Scheduling events: what each Python thread is doing, for `weft --trace-threads` and the
//! playground's thread visualiser.
//!
//! The VM emits an [`Event`] at every scheduling point (thread start and exit, taking the
//! GIL, lock acquire / wait / release, sleep, uncaught exception) to the port's
//! [`Port::trace`](crate::port::Port::trace) sink. Tracing is chosen when the interpreter is
//! created (`Config::trace`); when it is off, each point costs one test of a plain `bool`
//! and nothing is built. Events hold plain data only (no Python objects), so a sink may
//! format or forward them from any host thread.

use core::fmt;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// this thread started thread `child`
    Start { child: u64 },
    /// this thread now holds the GIL (it runs); `prev` held it before (0: nobody / unknown)
    Run { prev: u64 },
    /// this thread finished a blocking call and waits for the GIL to run again
    Ready,
    /// this thread waits for lock `lock`, held by thread `owner` (0: unknown)
    LockWait { lock: u64, owner: u64 },
    /// this thread took lock `lock`
    LockAcquire { lock: u64 },
    /// a timed wait for lock `lock` gave up
    LockTimeout { lock: u64 },
    /// this thread released lock `lock`
    LockRelease { lock: u64 },
    /// this thread sleeps for `us` microseconds
    Sleep { us: u64 },
    /// this thread blocks on console input
    Input,
    /// an exception escaped this thread's function
    Uncaught,
    /// this thread ended
    Exit,
    /// every thread waits for a lock only a waiting thread can release
    Deadlock,
    /// green threads: the scheduler switched to this thread from `prev`, because `prev`'s
    /// slice ended, it blocked, or it ended
    Switch { prev: u64, why: crate::green::Why },
}

/// One scheduling event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// microseconds since the interpreter was created (the port's monotonic clock)
    pub t_us: u64,
    /// `_thread.get_ident()` of the thread the event is about (1: the main thread)
    pub thread: u64,
    /// the source line the thread is at (0: not known)
    pub line: u32,
    pub kind: EventKind,
}

impl EventKind {
    /// A short stable name (the first word of the text form, and the `kind` of the JSON form).
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Start { .. } => "start",
            EventKind::Run { .. } => "run",
            EventKind::Ready => "ready",
            EventKind::LockWait { .. } => "lock-wait",
            EventKind::LockAcquire { .. } => "lock-acquire",
            EventKind::LockTimeout { .. } => "lock-timeout",
            EventKind::LockRelease { .. } => "lock-release",
            EventKind::Sleep { .. } => "sleep",
            EventKind::Input => "input",
            EventKind::Uncaught => "uncaught",
            EventKind::Exit => "exit",
            EventKind::Deadlock => "deadlock",
            EventKind::Switch { .. } => "switch",
        }
    }
}

/// The text form `weft --trace-threads` prints, one line per event:
/// `[    1.234 ms] T2 line 7  lock-wait #3 (held by T1)`.
impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{:5}.{:03} ms] T{} ",
            self.t_us / 1000,
            self.t_us % 1000,
            self.thread
        )?;
        if self.line > 0 {
            write!(f, "line {:<4} ", self.line)?;
        } else {
            f.write_str("          ")?;
        }
        f.write_str(self.kind.name())?;
        match self.kind {
            EventKind::Start { child } => write!(f, " T{}", child),
            EventKind::Run { prev } if prev != 0 => write!(f, " (after T{})", prev),
            EventKind::LockWait { lock, owner } if owner != 0 => {
                write!(f, " #{} (held by T{})", lock, owner)
            }
            EventKind::LockWait { lock, .. }
            | EventKind::LockAcquire { lock }
            | EventKind::LockTimeout { lock }
            | EventKind::LockRelease { lock } => write!(f, " #{}", lock),
            EventKind::Sleep { us } => write!(f, " {}.{:03} ms", us / 1000, us % 1000),
            EventKind::Switch { prev, why } => write!(f, " from T{} ({})", prev, why.name()),
            _ => Ok(()),
        }
    }
}

impl Event {
    /// A one-line JSON object (for the browser build's visualiser):
    /// `{"t":1234,"thread":2,"line":7,"kind":"lock-wait","lock":3,"owner":1}`.
    pub fn to_json(&self) -> alloc::string::String {
        use core::fmt::Write;
        let mut s = alloc::string::String::new();
        let _ = write!(
            s,
            "{{\"t\":{},\"thread\":{},\"line\":{},\"kind\":\"{}\"",
            self.t_us,
            self.thread,
            self.line,
            self.kind.name()
        );
        let _ = match self.kind {
            EventKind::Start { child } => write!(s, ",\"child\":{}", child),
            EventKind::Run { prev } => write!(s, ",\"prev\":{}", prev),
            EventKind::LockWait { lock, owner } => {
                write!(s, ",\"lock\":{},\"owner\":{}", lock, owner)
            }
            EventKind::LockAcquire { lock }
            | EventKind::LockTimeout { lock }
            | EventKind::LockRelease { lock } => write!(s, ",\"lock\":{}", lock),
            EventKind::Sleep { us } => write!(s, ",\"us\":{}", us),
            EventKind::Switch { prev, why } => {
                write!(s, ",\"prev\":{},\"why\":\"{}\"", prev, why.name())
            }
            _ => Ok(()),
        };
        s.push('}');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn text_and_json_forms() {
        let e = Event {
            t_us: 1_234,
            thread: 2,
            line: 7,
            kind: EventKind::LockWait { lock: 3, owner: 1 },
        };
        assert_eq!(
            format!("{}", e),
            "[    1.234 ms] T2 line 7    lock-wait #3 (held by T1)"
        );
        assert_eq!(
            e.to_json(),
            "{\"t\":1234,\"thread\":2,\"line\":7,\"kind\":\"lock-wait\",\"lock\":3,\"owner\":1}"
        );
        let s = Event {
            t_us: 5,
            thread: 1,
            line: 0,
            kind: EventKind::Sleep { us: 1500 },
        };
        assert_eq!(
            format!("{}", s),
            "[    0.005 ms] T1           sleep 1.500 ms"
        );
    }
}
