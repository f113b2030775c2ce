//! `tidings state-writer`: a hidden command for the crash test of issue 5. It writes bookmarks
//! and read marks in a loop, printing a line after each write has completed, so a test can kill
//! it at any moment and check that every completed write survived.

use std::io::Write;
use std::process::ExitCode;

use crate::bookmarks::{Bookmark, BookmarkFile};
use crate::paths::Dirs;
use crate::state::ReadMarks;

use super::Globals;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// How many bookmark + read-mark rounds to write.
    #[arg(long, default_value_t = 1000)]
    pub rounds: usize,
}

const TEXT: &str = "The council said on Monday that the ferry would run all winter. \
                    “We will not strand the islands,” the harbour master said.";

pub fn run(_globals: &Globals, args: &Args) -> anyhow::Result<ExitCode> {
    let data = Dirs::from_env().data;
    let file = BookmarkFile::new(&data);
    let mut out = std::io::stdout().lock();
    for round in 0..args.rounds {
        let now = jiff::Timestamp::now();
        let tag = format!("{}-{round}", std::process::id());
        let bookmark = Bookmark::from_selection(
            format!("articles/{tag}.md"),
            "Ferry timetable",
            TEXT,
            4..11,
            format!("note {tag}"),
            now,
        )?;
        let id = bookmark.id.clone();
        let loaded = file.add(bookmark)?;
        anyhow::ensure!(loaded.warning.is_none(), "{:?}", loaded.warning);
        writeln!(out, "bookmark {id}")?;
        out.flush()?;

        let (mut marks, warning) = ReadMarks::load(&data, &data.join("articles"));
        anyhow::ensure!(warning.is_none(), "{warning:?}");
        let path = data.join(format!("{tag}.md"));
        marks.set_read(&path, true);
        marks.save()?;
        writeln!(
            out,
            "read {}",
            crate::sanitize::clean_line(&path.to_string_lossy())
        )?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
