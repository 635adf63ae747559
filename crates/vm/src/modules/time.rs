//! `time`: CPython's clocks and `sleep`, plus MicroPython's `ticks_*` / `sleep_ms` / `sleep_us`.
//!
//! All time comes from the port. The platform has no time zone database, so `localtime` is
//! UTC (like `gmtime`). `localtime`/`gmtime` return MicroPython's 8-tuple
//! `(year, month, mday, hour, minute, second, weekday, yearday)`; `mktime` accepts 8 or 9
//! items and returns an int.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::add_fns;
use super::math::float_arg;

/// MicroPython's ticks wrap modulo 2**30.
const TICKS_PERIOD: i64 = 1 << 30;
const TICKS_MAX: i64 = TICKS_PERIOD - 1;
const TICKS_HALF: i64 = TICKS_PERIOD / 2;

/// Sleep granularity between interrupt checks.
const SLEEP_CHUNK_US: u64 = 20_000;

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(
        d,
        &[
            ("time", t_time),
            ("time_ns", t_time_ns),
            ("monotonic", t_monotonic),
            ("monotonic_ns", t_monotonic_ns),
            ("perf_counter", t_monotonic),
            ("perf_counter_ns", t_monotonic_ns),
            ("sleep", t_sleep),
            ("sleep_ms", t_sleep_ms),
            ("sleep_us", t_sleep_us),
            ("ticks_ms", t_ticks_ms),
            ("ticks_us", t_ticks_us),
            ("ticks_cpu", t_ticks_us),
            ("ticks_add", t_ticks_add),
            ("ticks_diff", t_ticks_diff),
            ("localtime", t_gmtime),
            ("gmtime", t_gmtime),
            ("mktime", t_mktime),
            ("strftime", t_strftime),
        ],
    );
    Ok(())
}

/// Sleep `us` microseconds in chunks, checking for interrupts (Ctrl-C) between them.
///
/// The one place the VM sleeps: the threads work will release the GIL around
/// `port.sleep_us` here.
pub fn sleep_us(vm: &mut Vm, us: u64) -> PyResult<()> {
    if vm.shared.green.is_some() {
        return green_sleep(vm, us);
    }
    let port = vm.shared.port;
    let start = port.ticks_us();
    vm.emit(crate::trace::EventKind::Sleep { us });
    loop {
        vm.check_signals()?;
        let elapsed = port.ticks_us().saturating_sub(start);
        if elapsed >= us {
            // even sleep(0) lets other threads run
            if let Some(t) = vm.shared.threads() {
                t.gil_yield();
            }
            vm.took_gil();
            return Ok(());
        }
        // other Python threads run while this one sleeps
        vm.blocking(|| port.sleep_us((us - elapsed).min(SLEEP_CHUNK_US)));
    }
}

/// `sleep` with green threads: the thread is parked until its deadline (other threads run;
/// when all wait, the host sleeps, or virtual time jumps). Even `sleep(0)` lets others run.
/// After a switch the call runs again with the first try's deadline (see green.rs).
fn green_sleep(vm: &mut Vm, us: u64) -> PyResult<()> {
    let retry = core::mem::take(&mut vm.green_retry);
    let deadline = match (retry, vm.green_deadline.take()) {
        (true, Some(d)) => d,
        _ => vm.shared.ticks_us().saturating_add(us),
    };
    vm.check_signals()?;
    if !retry {
        vm.emit(crate::trace::EventKind::Sleep { us });
    }
    if retry && vm.shared.ticks_us() >= deadline {
        return Ok(());
    }
    crate::green::block(vm, crate::green::Wait::Sleep { deadline })
}

fn t_time(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(vm.shared.time_ns() as f64 / 1e9))
}

fn t_time_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::bigint(vm.shared.time_ns().into()))
}

fn t_monotonic(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(vm.shared.ticks_us() as f64 / 1e6))
}

fn t_monotonic_ns(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let ns = (vm.shared.ticks_us() as u128) * 1000;
    Ok(Value::bigint(ns.into()))
}

fn t_sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "sleep")?;
    let s = float_arg(vm, &args.pos[0])?;
    if s.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if s < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    let us = s * 1e6;
    if us >= 1.8e19 {
        return Err(vm.overflow_error("sleep length is too large"));
    }
    sleep_us(vm, libm::round(us) as u64)?;
    Ok(Value::None)
}

fn int_arg1(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<i64> {
    vm.check_args(args, 1, 1, fname)?;
    if let Value::Float(f) = args.pos[0] {
        // MicroPython accepts floats here and truncates
        if !f.is_finite() {
            return Err(vm.value_error("invalid sleep length"));
        }
        return Ok(f as i64);
    }
    let v = args.pos[0].clone();
    vm.to_i64(&v)
}

fn t_sleep_ms(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let ms = int_arg1(vm, &args, "sleep_ms")?;
    if ms > 0 {
        sleep_us(vm, (ms as u64).saturating_mul(1000))?;
    }
    Ok(Value::None)
}

fn t_sleep_us(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let us = int_arg1(vm, &args, "sleep_us")?;
    if us > 0 {
        sleep_us(vm, us as u64)?;
    }
    Ok(Value::None)
}

fn t_ticks_ms(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        ((vm.shared.ticks_us() / 1000) as i64) & TICKS_MAX,
    ))
}

fn t_ticks_us(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((vm.shared.ticks_us() as i64) & TICKS_MAX))
}

fn t_ticks_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "ticks_add")?;
    let (a, b) = (args.pos[0].clone(), args.pos[1].clone());
    let t = vm.to_i64(&a)?;
    let delta = vm.to_i64(&b)?;
    if !(-TICKS_HALF..TICKS_HALF).contains(&delta) {
        return Err(vm.overflow_error("ticks interval overflow"));
    }
    Ok(Value::Int(t.wrapping_add(delta) & TICKS_MAX))
}

/// MicroPython's signed difference of two tick values, in [-2**29, 2**29).
pub fn ticks_diff(end: i64, start: i64) -> i64 {
    (end.wrapping_sub(start).wrapping_add(TICKS_HALF) & TICKS_MAX) - TICKS_HALF
}

fn t_ticks_diff(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "ticks_diff")?;
    let (a, b) = (args.pos[0].clone(), args.pos[1].clone());
    let end = vm.to_i64(&a)?;
    let start = vm.to_i64(&b)?;
    Ok(Value::Int(ticks_diff(end, start)))
}

// ---------------------------------------------------------------------- calendar

/// days since 1970-01-01 → (year, month 1-12, day 1-31)  (Howard Hinnant's algorithm)
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01; month and day may be out of range
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    // normalise the month first
    let y = y + (m - 1).div_euclid(12);
    let m = (m - 1).rem_euclid(12) + 1;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// broken-down UTC time: (year, month, mday, hour, min, sec, weekday Mon=0, yearday 1-366)
pub fn gmtime_parts(secs: i64) -> [i64; 8] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let wday = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday
    let yday = days - days_from_civil(y, 1, 1) + 1;
    [
        y,
        m as i64,
        d as i64,
        rem / 3600,
        (rem / 60) % 60,
        rem % 60,
        wday,
        yday,
    ]
}

fn secs_arg(vm: &mut Vm, args: &Args) -> PyResult<i64> {
    match args.pos.first() {
        None | Some(Value::None) => Ok((vm.shared.time_ns() / 1_000_000_000) as i64),
        Some(v) => {
            let f = float_arg(vm, v)?;
            if !f.is_finite() || libm::fabs(f) > 1e16 {
                return Err(vm.overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(libm::floor(f) as i64)
        }
    }
}

fn t_gmtime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = secs_arg(vm, &args)?;
    let p = gmtime_parts(s);
    Ok(Value::tuple(p.iter().map(|&x| Value::Int(x)).collect()))
}

fn t_mktime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "mktime")?;
    let items = vm.to_vec(&args.pos[0])?;
    if items.len() < 8 || items.len() > 9 {
        return Err(vm.type_error("mktime needs a tuple of length 8 or 9"));
    }
    let mut f = [0i64; 6];
    for (i, slot) in f.iter_mut().enumerate() {
        *slot = vm.to_i64(&items[i])?;
    }
    if f.iter().any(|x| x.unsigned_abs() > 1 << 40) {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    let days = days_from_civil(f[0], f[1], f[2]);
    Ok(Value::Int(days * 86_400 + f[3] * 3600 + f[4] * 60 + f[5]))
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `strftime(format[, t])` for the common directives (C locale).
pub fn strftime(fmt: &str, t: &[i64; 8]) -> String {
    let [y, mo, d, h, mi, s, wd, yd] = *t;
    let wd = wd.rem_euclid(7) as usize;
    let mon = ((mo - 1).rem_euclid(12)) as usize;
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&format!("{}", y)),
            Some('y') => out.push_str(&format!("{:02}", y.rem_euclid(100))),
            Some('m') => out.push_str(&format!("{:02}", mo)),
            Some('d') => out.push_str(&format!("{:02}", d)),
            Some('H') => out.push_str(&format!("{:02}", h)),
            Some('I') => out.push_str(&format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 })),
            Some('p') => out.push_str(if h < 12 { "AM" } else { "PM" }),
            Some('M') => out.push_str(&format!("{:02}", mi)),
            Some('S') => out.push_str(&format!("{:02}", s)),
            Some('j') => out.push_str(&format!("{:03}", yd)),
            Some('w') => out.push_str(&format!("{}", (wd + 1) % 7)),
            Some('a') => out.push_str(&DAYS[wd][..3]),
            Some('A') => out.push_str(DAYS[wd]),
            Some('b') => out.push_str(&MONTHS[mon][..3]),
            Some('B') => out.push_str(MONTHS[mon]),
            Some('Z') => out.push_str("UTC"),
            Some('z') => out.push_str("+0000"),
            Some('%') => out.push('%'),
            Some('c') => out.push_str(&strftime("%a %b %d %H:%M:%S %Y", t)),
            Some('x') => out.push_str(&strftime("%m/%d/%y", t)),
            Some('X') => out.push_str(&strftime("%H:%M:%S", t)),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
            None => out.push('%'),
        }
    }
    out
}

fn t_strftime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 2, "strftime")?;
    let fmt = super::str_arg(vm, &args, 0, "strftime")?;
    let t = match args.pos.get(1) {
        None => gmtime_parts((vm.shared.time_ns() / 1_000_000_000) as i64),
        Some(v) => {
            let items: Vec<Value> = vm.to_vec(v)?;
            if items.len() < 8 {
                return Err(vm.type_error("time tuple must have at least 8 items"));
            }
            let mut p = [0i64; 8];
            for (i, slot) in p.iter_mut().enumerate() {
                *slot = vm.to_i64(&items[i])?;
            }
            if !(1..=12).contains(&p[1]) {
                return Err(vm.value_error("month out of range"));
            }
            p
        }
    };
    Ok(Value::string(strftime(&fmt, &t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_wrap() {
        assert_eq!(ticks_diff(5, TICKS_MAX - 4), 10);
        assert_eq!(ticks_diff(TICKS_MAX - 4, 5), -10);
        assert_eq!(ticks_diff(100, 0), 100);
        assert_eq!(ticks_diff(0, TICKS_HALF), -TICKS_HALF);
    }

    #[test]
    fn calendar() {
        assert_eq!(gmtime_parts(0), [1970, 1, 1, 0, 0, 0, 3, 1]);
        // 2024-02-29 12:34:56 UTC, a Thursday, day 60
        assert_eq!(
            gmtime_parts(1_709_210_096),
            [2024, 2, 29, 12, 34, 56, 3, 60]
        );
        assert_eq!(gmtime_parts(-1), [1969, 12, 31, 23, 59, 59, 2, 365]);
        for &s in &[0i64, 1_709_210_096, -86_400 * 400, 4_102_444_800] {
            let p = gmtime_parts(s);
            assert_eq!(
                days_from_civil(p[0], p[1], p[2]) * 86_400 + p[3] * 3600 + p[4] * 60 + p[5],
                s
            );
        }
    }

    #[test]
    fn strftime_basic() {
        let t = gmtime_parts(1_709_210_096);
        assert_eq!(
            strftime("%Y-%m-%d %H:%M:%S %a %b %j %%", &t),
            "2024-02-29 12:34:56 Thu Feb 060 %"
        );
    }
}
