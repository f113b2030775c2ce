//! Issue 5, "State is never lost": a writer of bookmarks and read marks is killed with SIGKILL
//! at random moments, hundreds of times. Every state file that survives parses, and holds every
//! bookmark and read mark whose write had completed (the writer prints a line after each).

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use tidings::bookmarks::BookmarkFile;
use tidings::state::ReadMarks;

const KILLS: usize = 300;

/// A small deterministic generator (xorshift), so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn check_state(data: &Path, bookmarks: &[String], read: &[PathBuf], kill: usize) {
    let loaded = BookmarkFile::new(data).load().expect("bookmarks load");
    assert!(
        loaded.warning.is_none(),
        "kill {kill}: bookmarks.toml did not parse: {:?}",
        loaded.warning
    );
    for id in bookmarks {
        assert!(
            loaded.bookmarks.iter().any(|b| &b.id == id),
            "kill {kill}: completed bookmark {id} lost"
        );
    }
    let (marks, warning) = ReadMarks::load(data, &data.join("articles"));
    assert!(
        warning.is_none(),
        "kill {kill}: read marks did not parse: {warning:?}"
    );
    for path in read {
        assert!(
            marks.is_read(path),
            "kill {kill}: read mark {} lost",
            path.display()
        );
    }
}

#[test]
fn sigkill_at_random_moments_loses_no_completed_write() {
    let data = tempfile::tempdir().unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let (mut bookmarks, mut read) = (Vec::new(), Vec::new());
    for kill in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(["state-writer", "--rounds", "100000"])
            .env("TIDINGS_DATA", data.path())
            .env("TIDINGS_CACHE", data.path().join("cache"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait for the first completed write (so every run gets past start-up), then kill
        // after a random delay of up to 15 ms.
        let first = rx.recv_timeout(Duration::from_secs(20));
        std::thread::sleep(Duration::from_micros(rng.next() % 15_000));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        for line in first.into_iter().chain(rx.try_iter()) {
            match line.split_once(' ') {
                Some(("bookmark", id)) => bookmarks.push(id.to_owned()),
                Some(("read", path)) => read.push(PathBuf::from(path)),
                _ => panic!("unexpected line {line:?}"),
            }
        }
        check_state(data.path(), &bookmarks, &read, kill);
    }
    assert!(
        bookmarks.len() >= KILLS,
        "seed {seed}: only {} writes completed",
        bookmarks.len()
    );
}
