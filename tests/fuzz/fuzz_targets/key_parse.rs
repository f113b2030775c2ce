//! Any text: a key binding parses or is refused, never panics, and what parses prints back to
//! the same keys; a config file merges or is refused with a line inside the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tidings::config::{Config, ConfigError};
use tidings::keymap::{parse_sequence, sequence_to_string};

fuzz_target!(|text: &str| {
    if let Ok(seq) = parse_sequence(text) {
        let printed = sequence_to_string(&seq);
        assert_eq!(parse_sequence(&printed).as_ref(), Ok(&seq), "{printed:?}");
    }
    let mut config = Config::defaults();
    if let Err(ConfigError::Invalid { line, .. }) = config.merge(Path::new("fuzz.toml"), text) {
        assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "line {line}");
    }
});
