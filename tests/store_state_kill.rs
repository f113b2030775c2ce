//! Read marks survive SIGKILL: a child process saves marks in a loop and is killed at random
//! moments, a few hundred times. After each kill the file must parse (no corrupt file set
//! aside) and hold every mark whose save had returned before the kill.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tidings::state::ReadMarks;

const DIR_VAR: &str = "TIDINGS_KILL_TEST_DIR";
const RUN_VAR: &str = "TIDINGS_KILL_TEST_RUN";

fn mark(run: usize, i: usize) -> PathBuf {
    PathBuf::from(format!("/kill-test/run-{run}/article-{i}.md"))
}

/// The child: runs only when the parent test starts it (ignored otherwise).
#[test]
#[ignore = "started by read_marks_survive_sigkill"]
fn kill_test_writer() {
    let (Some(dir), Some(run)) = (std::env::var_os(DIR_VAR), std::env::var_os(RUN_VAR)) else {
        return;
    };
    let run: usize = run.to_str().unwrap().parse().unwrap();
    for i in 0..10_000 {
        let (mut marks, warning) = ReadMarks::load(Path::new(&dir));
        assert!(warning.is_none(), "{warning:?}");
        marks.set_read(&mark(run, i), true);
        marks.save().unwrap();
        // Line-buffered: the parent sees this only once the save has returned.
        println!("saved {i}");
    }
}

#[test]
fn read_marks_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let runs = 300;
    let mut seed = u64::from(std::process::id()) | 1;
    let mut all_confirmed = Vec::new();
    let started = Instant::now();
    for run in 0..runs {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(5_000 + seed % 45_000);
        let mut child = Command::new(&exe)
            .args(["kill_test_writer", "--exact", "--ignored", "--nocapture"])
            .env(DIR_VAR, dir.path())
            .env(RUN_VAR, run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let confirmed: Vec<usize> = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("saved ")?.trim().parse().ok())
            .collect();

        let (marks, warning) = ReadMarks::load(dir.path());
        assert!(warning.is_none(), "run {run}: {warning:?}");
        all_confirmed.extend(confirmed.into_iter().map(|i| mark(run, i)));
        for path in &all_confirmed {
            assert!(
                marks.is_read(path),
                "after run {run}: {} lost",
                path.display()
            );
        }
    }
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".tmp")
        })
        .count();
    eprintln!(
        "{runs} kills survived, {} confirmed saves checked, \
         {leftovers} recent temp files left by killed writes, {:.1} s",
        all_confirmed.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        !all_confirmed.is_empty(),
        "no save ever completed: delays too short?"
    );
}
