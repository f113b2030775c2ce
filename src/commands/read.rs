//! `tidings` with no command: the reader.

use std::process::ExitCode;

use super::Globals;

pub fn run(globals: &Globals) -> anyhow::Result<ExitCode> {
    let _ = globals;
    anyhow::bail!("PLACEHOLDER: the reader is not written yet")
}
