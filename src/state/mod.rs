//! State files: written atomically (temp file in the same folder, fsync, rename), and a file
//! that does not parse is set aside, never overwritten.
//!
//! Only regular files are read or replaced: a named pipe, a device or a folder where a state
//! file should be is an error naming it, and opening one never blocks. A state file that is a
//! symbolic link is written through the link, to its target, and a rewrite keeps the file's
//! permissions. Reading needs no write access: locks are taken only to change a file.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

pub mod key;
mod read_marks;

pub use read_marks::{READ_MARKS_FILE, ReadMarks};

/// How many symbolic links a state file's path may go through before it is refused.
const MAX_LINKS: usize = 40;

/// `path` with its symbolic links followed to the file they name (which need not exist yet):
/// where a write must go so that the link stays a link.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(at),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row"
    )))
}

fn not_regular() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "not a regular file")
}

/// Open options that never wait: opening a named pipe does not block for a writer or reader.
fn nonblocking(options: &mut fs::OpenOptions) -> &mut fs::OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options
}

/// The bytes of the state file at `path`: `Ok(None)` when there is none. Anything but a
/// regular file (after following links) is an error, found without blocking.
pub fn read_regular(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let file = match nonblocking(fs::OpenOptions::new().read(true)).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    (&file).read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// Take the exclusive lock `lock_path` (created if needed); it is released when the returned
/// file is dropped. A lock path that is not a regular file is an error, not a wait.
pub fn lock(lock_path: &Path) -> io::Result<File> {
    if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let file = nonblocking(
        // Read and write: a named pipe then opens at once (and is refused below).
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true),
    )
    .open(lock_path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    fs4::FileExt::lock(&file)?;
    Ok(file)
}

/// The lock file of the state file `path` (after its links): `NAME.lock` beside it.
pub fn lock_path_of(path: &Path) -> PathBuf {
    let target = resolve_links(path).unwrap_or_else(|_| path.to_owned());
    let mut name = target.into_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// Write `contents` to `path` atomically: a reader sees the old file or the new one, never a
/// mix, even if the process is killed mid-write. A symbolic link is written through to its
/// target; an existing file keeps its permissions (a new one is private to the user); a
/// path that is not a regular file is refused, never replaced.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let path = resolve_links(path)?;
    let path = path.as_path();
    let mode = match fs::metadata(path) {
        Ok(m) if m.is_file() => Some(m.permissions()),
        Ok(_) => return Err(not_regular()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tidings-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    if let Some(mode) = mode {
        tmp.as_file().set_permissions(mode)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    remove_stale_temps(dir);
    Ok(())
}

/// A temp file older than this was left by a writer that was killed mid-write.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Remove the temp files of writes that never finished (a process killed mid-write leaves
/// one). Only old ones: a recent one may belong to another process writing right now.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".tidings-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Move a state file that does not parse out of the way, to `NAME.corrupt-<unix seconds>`,
/// and return where it went. An existing set-aside file is never replaced.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map_or_else(|| "state".into(), |n| n.to_string_lossy().into_owned());
    let mut n = 0u32;
    loop {
        let suffix = if n == 0 {
            format!("{name}.corrupt-{secs}")
        } else {
            format!("{name}.corrupt-{secs}-{n}")
        };
        let target = path.with_file_name(suffix);
        if !target.exists() {
            fs::rename(path, &target)?;
            return Ok(target);
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn atomic_write_replaces_contents_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "temp files left behind: {names:?}");
    }

    #[test]
    fn old_temp_files_of_killed_writes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".tidings-abc.tmp");
        let recent = dir.path().join(".tidings-def.tmp");
        let other = dir.path().join("notes.tmp");
        for p in [&old, &recent, &other] {
            fs::write(p, b"partial").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - STALE_TEMP_AGE * 2;
        for p in [&old, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        write_atomic(&dir.path().join("state.toml"), b"x").unwrap();
        assert!(!old.exists());
        assert!(recent.exists() && other.exists());
    }

    #[test]
    #[cfg(unix)]
    fn a_symlinked_state_file_is_written_through_and_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("sync").join("bookmarks.toml");
        fs::create_dir_all(real.parent().unwrap()).unwrap();
        fs::write(&real, b"old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("bookmarks.toml");
        std::os::unix::fs::symlink("sync/bookmarks.toml", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        // A dangling link: its target is created.
        fs::remove_file(&real).unwrap();
        write_atomic(&link, b"again").unwrap();
        assert_eq!(fs::read(&real).unwrap(), b"again");
    }

    #[test]
    #[cfg(unix)]
    fn a_fifo_is_never_read_waited_on_or_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("read.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let e = read_regular(&fifo).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{e}");
        let e = lock(&fifo).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{e}");
        assert!(write_atomic(&fifo, b"x").is_err());
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(read_regular(&dir.path().join("none")).unwrap(), None);
    }

    #[test]
    fn set_aside_keeps_the_bytes_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bookmarks.toml");
        fs::write(&path, b"not = [toml").unwrap();
        let first = set_aside(&path).unwrap();
        fs::write(&path, b"again [").unwrap();
        let second = set_aside(&path).unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read(&first).unwrap(), b"not = [toml");
        assert_eq!(fs::read(&second).unwrap(), b"again [");
        assert!(!path.exists());
    }
}
