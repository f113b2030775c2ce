//! Tests of `config`.

use super::*;

fn merged(text: &str) -> Result<Config, ConfigError> {
    let mut c = Config::defaults();
    c.merge(Path::new("user.toml"), text).map(|()| c)
}

fn invalid(text: &str) -> (usize, String, String) {
    match merged(text) {
        Err(ConfigError::Invalid {
            file,
            line,
            key,
            message,
        }) => {
            assert_eq!(file, Path::new("user.toml"));
            (line, key, message)
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn the_embedded_defaults_parse_and_bind_every_action() {
    let raw: RawConfig = toml::from_str(DEFAULT_TOML).unwrap();
    assert!(raw.theme.is_some() && raw.keys.is_some());
    let c = Config::defaults();
    for (context, bindings) in &c.keys {
        for (action, seqs) in bindings {
            assert!(
                !seqs.is_empty(),
                "{action:?} has no default key in {context:?}"
            );
        }
    }
    assert!(c.mouse);
    assert!(c.articles.is_none());
    assert!(c.theme.speakers.len() >= 6);
    c.keymap().unwrap();
}

#[test]
fn a_user_file_overrides_key_by_key() {
    let c = merged("mouse = false\n[theme]\nfocus = \"#ff0000\"\n[keys]\nquit = [\"x\"]\ndown = [\"q\", \"ctrl-n\"]\n").unwrap();
    assert!(!c.mouse);
    assert_eq!(c.theme.focus, Color::Rgb(255, 0, 0));
    assert_eq!(c.theme.border, Config::defaults().theme.border);
    let km = c.keymap().unwrap();
    assert_eq!(km.keys_for(Context::Reader, &Action::Quit), ["x"]);
    assert_eq!(km.keys_for(Context::Reader, &Action::Down), ["q", "ctrl-n"]);
    // untouched actions keep their keys
    assert_eq!(km.keys_for(Context::Reader, &Action::Up), ["k", "up"]);
}

#[test]
fn a_key_taken_by_the_user_leaves_its_default_action() {
    let c = merged("[keys]\nquit = [\"j\"]\n").unwrap();
    let km = c.keymap().unwrap();
    assert_eq!(km.keys_for(Context::Reader, &Action::Down), ["down"]);
    assert_eq!(km.keys_for(Context::Reader, &Action::Quit), ["j"]);
}

#[test]
fn sequences_can_replace_single_keys() {
    let c = merged("[keys]\ntop = [\"g g\", \"home\"]\n").unwrap();
    assert_eq!(
        c.keymap().unwrap().keys_for(Context::Reader, &Action::Top),
        ["g g", "home"]
    );
}

#[test]
fn bad_toml_names_the_line() {
    let (line, _, msg) = invalid("mouse = true\n\n[keys\nquit = 1\n");
    assert_eq!(line, 3, "{msg}");
}

#[test]
fn an_unknown_setting_names_its_line_and_key() {
    let (line, key, msg) = invalid("mouse = true\ncolour = \"red\"\n");
    assert_eq!((line, key.as_str()), (2, "colour"), "{msg}");
    let (line, key, _) = invalid("[theme]\n\nborderr = \"red\"\n");
    assert_eq!((line, key.as_str()), (3, "borderr"));
}

#[test]
fn an_unknown_action_names_its_line() {
    let (line, key, msg) = invalid("[keys]\nup = [\"k\"]\nfly = [\"x\"]\n");
    assert_eq!((line, key.as_str()), (3, "keys.fly"));
    assert!(msg.contains("unknown action"), "{msg}");
}

#[test]
fn an_unparseable_key_names_its_line() {
    let (line, key, msg) = invalid("[keys]\n\nquit = [\"q\",\n  \"hyper-q\"]\n");
    assert_eq!((line, key.as_str()), (4, "keys.quit"));
    assert!(msg.contains("hyper"), "{msg}");
}

#[test]
fn a_wrong_type_and_a_bad_colour_are_errors() {
    let (line, key, _) = invalid("\nmouse = \"yes\"\n");
    assert_eq!(line, 2);
    assert!(key.contains("yes"), "{key}");
    let (line, key, msg) = invalid("[theme]\nfocus = \"blurple\"\n");
    assert_eq!((line, key.as_str()), (2, "theme.focus"));
    assert!(msg.contains("blurple"));
}

#[test]
fn a_clash_in_the_users_keys_is_an_error_with_a_line() {
    let (line, _, msg) = invalid("[keys]\nquit = [\"x\"]\nhelp = [\"x\"]\n");
    assert!(line == 2 || line == 3, "{line}");
    assert!(msg.contains("clash"), "{msg}");
}

#[test]
fn each_context_has_its_own_keys() {
    let c = merged("[keys.bookmarks-view]\ndelete-bookmark = [\"x\"]\nback = [\"esc\"]\n").unwrap();
    let km = c.keymap().unwrap();
    assert_eq!(
        km.keys_for(Context::Bookmarks, &Action::DeleteBookmark),
        ["x"]
    );
    assert_eq!(km.keys_for(Context::Bookmarks, &Action::Back), ["esc"]);
    // other contexts keep theirs
    assert!(
        km.keys_for(Context::Help, &Action::Back)
            .contains(&"q".to_owned())
    );
    assert_eq!(km.keys_for(Context::Reader, &Action::Quit), ["q", "ctrl-c"]);
    // `d`, `u`, `e` mean nothing in the reader
    for a in [Action::DeleteBookmark, Action::Undo, Action::EditNote] {
        assert!(km.keys_for(Context::Reader, &a).is_empty(), "{a:?}");
    }
    // the same key, bound differently in two contexts
    let c = merged("[keys]\nfilter = [\"x\"]\n[keys.bookmarks-view]\ndelete-bookmark = [\"x\"]\n")
        .unwrap();
    let km = c.keymap().unwrap();
    assert_eq!(km.keys_for(Context::Reader, &Action::Filter), ["x"]);
    assert_eq!(
        km.keys_for(Context::Bookmarks, &Action::DeleteBookmark),
        ["x"]
    );
}

#[test]
fn an_action_in_the_wrong_table_or_an_unknown_table_is_an_error() {
    let (line, key, msg) = invalid("[keys]\n\ndelete-bookmark = [\"d\"]\n");
    assert_eq!((line, key.as_str()), (3, "keys.delete-bookmark"));
    assert!(msg.contains("[keys.bookmarks-view]"), "{msg}");
    let (line, key, msg) = invalid("[keys.bookmarks-view]\nsearch = [\"s\"]\n");
    assert_eq!(
        (line, key.as_str()),
        (2, "keys.bookmarks-view.search"),
        "{msg}"
    );
    let (line, key, msg) = invalid("[keys]\nup = [\"k\"]\n[keys.nowhere]\nup = [\"k\"]\n");
    assert_eq!((line, key.as_str()), (3, "keys.nowhere"), "{msg}");
}

#[test]
fn keys_that_leave_no_way_out_are_an_error() {
    let (line, key, msg) = invalid("[keys]\nup = [\"k\"]\nquit = []\n");
    assert_eq!((line, key.as_str()), (3, "keys.quit"), "{msg}");
    assert!(msg.contains("quit"), "{msg}");
    // taking every key of quit away leaves none either
    let (_, key, _) = invalid("[keys]\nhelp = [\"q\", \"ctrl-c\"]\n");
    assert_eq!(key, "keys.quit");
    let (line, key, _) = invalid("[keys.help-view]\nback = []\n");
    assert_eq!((line, key.as_str()), (2, "keys.help-view.back"));
}

#[test]
fn error_messages_carry_no_terminal_controls() {
    for text in [
        "[keys]\nquit = [\"\\u001b]0;KEYPWN\\u0007\"]\n",
        "[keys]\n\"\\u001b]52;c;cHduZWQ=\\u0007\" = [\"x\"]\n",
        "[theme]\nfocus = \"\\u001b[31mred\"\n",
        "[keys]\nup = [\"a\\u0000b\"]\n",
    ] {
        let err = merged(text).expect_err(text).to_string();
        assert!(
            !err.chars().any(crate::sanitize::is_unsafe),
            "{text}: {err:?}"
        );
    }
    let err = Config::load(
        Some(Path::new("/nope/\u{1b}]0;x\u{7}.toml")),
        Path::new("/"),
    )
    .unwrap_err()
    .to_string();
    assert!(!err.chars().any(crate::sanitize::is_unsafe), "{err:?}");
}

#[test]
fn articles_is_relative_to_the_file_that_says_it() {
    let mut c = Config::defaults();
    c.merge(
        Path::new("/etc/tidings/config.toml"),
        "articles = \"news\"\n",
    )
    .unwrap();
    assert_eq!(c.articles, Some(PathBuf::from("/etc/tidings/news")));
    c.merge(
        Path::new("/etc/tidings/config.toml"),
        "articles = \"/srv/news\"\n",
    )
    .unwrap();
    assert_eq!(c.articles, Some(PathBuf::from("/srv/news")));
    c.merge(Path::new("/etc/tidings/config.toml"), "articles = \"\"\n")
        .unwrap();
    assert_eq!(c.articles, None);
}

#[test]
fn load_reads_the_named_file_or_falls_back_to_defaults() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(Config::load(None, dir.path()).unwrap(), Config::defaults());
    std::fs::write(dir.path().join("config.toml"), "mouse = false\n").unwrap();
    assert!(!Config::load(None, dir.path()).unwrap().mouse);
    let missing = dir.path().join("nope.toml");
    assert!(matches!(
        Config::load(Some(&missing), dir.path()),
        Err(ConfigError::Read { .. })
    ));
    std::fs::write(dir.path().join("bad.toml"), "mouse = 3\n").unwrap();
    let err = Config::load(Some(&dir.path().join("bad.toml")), dir.path()).unwrap_err();
    assert!(err.to_string().contains("bad.toml:1:"), "{err}");
}
