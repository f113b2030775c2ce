//! `tidings quotes`.

use std::process::ExitCode;

use super::Globals;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {}

pub fn run(globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let _ = (globals, args);
    anyhow::bail!("PLACEHOLDER: `tidings quotes` is not written yet")
}
