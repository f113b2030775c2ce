//! A tidings home for the feed tests: data, cache, config and articles in a temp folder.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;

pub struct Env {
    pub home: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().unwrap(),
        }
    }

    pub fn articles(&self) -> PathBuf {
        self.home.path().join("articles")
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("tidings").unwrap();
        let h = self.home.path();
        cmd.env("TIDINGS_DATA", h.join("data"))
            .env("TIDINGS_CACHE", h.join("cache"))
            .env("TIDINGS_CONFIG_DIR", h.join("config"))
            .env("TIDINGS_ARTICLES", self.articles())
            .env_remove("TIDINGS_CONFIG")
            .env_remove("TIDINGS_FEEDS")
            .env("NO_PROXY", "127.0.0.1")
            .current_dir(h);
        cmd
    }

    /// Write feeds.toml with these feeds (name, url) and an optional [fetch] table.
    pub fn subscribe(&self, fetch: &str, feeds: &[(&str, String)]) {
        let mut text = format!("{fetch}\n");
        for (name, url) in feeds {
            let _ = write!(text, "[[feed]]\nname = \"{name}\"\nurl = \"{url}\"\n\n");
        }
        let dir = self.home.path().join("config");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("feeds.toml"), text).unwrap();
    }

    /// Every file under the articles folder, relative, sorted (temp files included).
    pub fn files(&self) -> Vec<PathBuf> {
        let root = self.articles();
        let mut out: Vec<PathBuf> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&root).unwrap().to_owned())
            .collect();
        out.sort();
        out
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.articles().join(rel)).unwrap()
    }
}
