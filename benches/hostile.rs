//! Hostile inputs that once grew faster than the input (issue 15), measured at two sizes so
//! that the ratio shows the growth: a ratio near the size ratio is linear, its square is
//! quadratic.
//!
//! - F3: a front matter of many unknown keys (each warning rescanned the text from the start:
//!   40,000 keys took 16 s, 100,000 took 101 s).
//!
//! `cargo bench --bench hostile` prints the times, the ratio, and fails (exit 1) when the time
//! per key grows by more than 3x from the small size to the large one (quadratic growth over a
//! 10x size step would be about 10x).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The best of a few runs of `f`.
fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn front_matter_keys(n: usize) -> Vec<u8> {
    let mut text = String::from("+++\ntitle = \"Keys\"\n");
    for i in 0..n {
        let _ = writeln!(text, "unknown_key_{i} = {i}");
    }
    text.push_str("+++\n\nA short body.\n");
    text.into_bytes()
}

fn main() -> ExitCode {
    let (small, large) = (10_000usize, 100_000usize);
    let time = |n: usize| {
        let bytes = front_matter_keys(n);
        best_of(3, || {
            let a = tidings::article::parse(Path::new("keys.md"), &bytes).expect("parses");
            assert!(a.warnings.len() <= tidings::article::MAX_WARNINGS + 1);
        })
    };
    let (t_small, t_large) = (time(small), time(large));
    let per_key = |t: Duration, n: usize| t.as_secs_f64() / n as f64;
    let growth = per_key(t_large, large) / per_key(t_small, small);
    println!(
        "front matter, unknown keys: {small}: {:.1} ms, {large}: {:.1} ms; time per key grows {growth:.2}x for {}x the keys",
        t_small.as_secs_f64() * 1e3,
        t_large.as_secs_f64() * 1e3,
        large / small
    );
    if growth > 3.0 {
        eprintln!("front matter keys: time per key grew {growth:.2}x: not linear");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
