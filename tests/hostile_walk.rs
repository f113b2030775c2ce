//! Issue 15, F4: a symlink to `/proc` inside the articles folder never finished (the walk went
//! through `/proc/<pid>/cwd` into other processes' folders). Symlinks are followed only within
//! the store's file system and never into virtual ones; links within it still work.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use tidings::article::walk;

type Walked = (Vec<PathBuf>, Vec<(PathBuf, String)>);

/// Walk `root` on a thread; `None` when it has not finished after a minute (a hang).
fn walk_bounded(root: &Path) -> Option<Walked> {
    let (tx, rx) = mpsc::channel();
    let root = root.to_owned();
    std::thread::spawn(move || {
        let (files, problems) = walk(&root);
        let files = files.into_iter().map(|(p, _)| p).collect();
        let problems = problems.into_iter().map(|p| (p.path, p.reason)).collect();
        let _ = tx.send((files, problems));
    });
    rx.recv_timeout(Duration::from_secs(60)).ok()
}

#[test]
#[cfg(target_os = "linux")]
fn a_symlink_to_proc_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("a.md"), "A story.\n").unwrap();
    std::os::unix::fs::symlink("/proc", root.join("p")).unwrap();
    std::os::unix::fs::symlink("/proc/self/cwd", root.join("cwd")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.md")).unwrap();
    let (files, problems) = walk_bounded(&root).expect("the walk finishes");
    assert_eq!(files, vec![root.join("a.md")], "{problems:?}");
    let refused = |name: &str| {
        problems
            .iter()
            .any(|(p, reason)| p == &root.join(name) && reason.contains("not followed"))
    };
    assert!(refused("p"), "{problems:?}");
    assert!(refused("cwd"), "{problems:?}");
    assert!(refused("zero.md"), "{problems:?}");
}

#[test]
#[cfg(unix)]
fn symlinks_within_the_same_file_system_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("b.md"), "B story.\n").unwrap();
    std::os::unix::fs::symlink(&shared, root.join("linked")).unwrap();
    let (files, problems) = walk_bounded(&root).expect("the walk finishes");
    assert_eq!(
        files,
        vec![root.join("linked").join("b.md")],
        "{problems:?}"
    );
}

#[test]
#[cfg(unix)]
fn a_link_to_another_file_system_is_not_followed() {
    use std::os::unix::fs::MetadataExt;
    // The store on one file system (a tmpfs here), a folder of articles on another.
    let Ok(store_fs) = tempfile::tempdir_in("/dev/shm") else {
        return; // no second file system here
    };
    let other = tempfile::tempdir().unwrap();
    let dev = |p: &Path| std::fs::metadata(p).unwrap().dev();
    if dev(store_fs.path()) == dev(other.path()) {
        return;
    }
    std::fs::write(other.path().join("c.md"), "C story.\n").unwrap();
    let root = store_fs.path().join("articles");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("a.md"), "A story.\n").unwrap();
    std::os::unix::fs::symlink(other.path(), root.join("elsewhere")).unwrap();
    let (files, problems) = walk_bounded(&root).expect("the walk finishes");
    assert_eq!(files, vec![root.join("a.md")], "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|(p, r)| p == &root.join("elsewhere") && r.contains("another file system")),
        "{problems:?}"
    );
}
