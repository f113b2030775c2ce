//! Any configuration text merged over the defaults: never a panic. A refusal names a line
//! inside the text and carries no terminal control; an accepted file gives a keymap that can
//! still quit the reader and close every view.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tidings::app::{Action, Context};
use tidings::config::{Config, ConfigError};
use tidings::sanitize::is_unsafe;

fuzz_target!(|text: &str| {
    let mut config = Config::defaults();
    match config.merge(Path::new("fuzz.toml"), text) {
        Err(e) => {
            let message = e.to_string();
            assert!(!message.chars().any(is_unsafe), "{message:?}");
            if let ConfigError::Invalid { line, .. } = e {
                assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "line {line}");
            }
        }
        Ok(()) => {
            let keymap = config.keymap().expect("an accepted file has no clash");
            assert!(!keymap.keys_for(Context::Reader, &Action::Quit).is_empty());
            for c in Context::ALL.into_iter().filter(|&c| c != Context::Reader) {
                assert!(!keymap.keys_for(c, &Action::Back).is_empty(), "{c:?}");
            }
        }
    }
});
