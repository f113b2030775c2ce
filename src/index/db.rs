//! The store index on disk: one SQLite database per articles folder, in the cache dir.
//!
//! One record per file: its stamp, its list row (or why it was skipped), its speakers and
//! attributed quotations, and its text in two FTS5 tables (articles and quotations) that fold
//! case and accents. The files stay the truth: a missing, corrupt or other-version index is
//! rebuilt from them. WAL and a busy timeout let two readers share one index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

use super::record::{FileRecord, Stamp};
use super::{ArticleRecord, RecordQuote, RecordSpeaker};
use crate::article::{Entry, Problem, published_seconds};
use crate::quotes::{QuoteKind, SpeakerKind};

/// Bump when the layout, the parser or the quotation engine changes what a record holds: an
/// index of another version is rebuilt.
pub const SCHEMA_VERSION: i64 = 4;

/// Errors of the index database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("index {path}: {source}")]
    Sql {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("index {path} was written by another version")]
    Foreign { path: PathBuf },
    #[error("index folder {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

const SCHEMA: &str = "
CREATE TABLE files(
  id INTEGER PRIMARY KEY,
  rel BLOB NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  section TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT,
  published TEXT,
  sort_at INTEGER NOT NULL,
  title_key TEXT NOT NULL,
  quote_count INTEGER NOT NULL,
  problem TEXT,
  problem_line INTEGER,
  -- The guid or url of the article: names it wherever its file is.
  identity TEXT
);
CREATE INDEX files_identity ON files(identity) WHERE identity IS NOT NULL;
-- The folders of the last full walk with their stamps: a file added, removed or renamed since
-- changes its folder's mtime, so comparing them tells cheaply whether the index is behind.
CREATE TABLE folders(rel BLOB PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX files_rows ON files(sort_at, title_key, rel) WHERE problem IS NULL;
-- The counts, kept by triggers: the first frame must not count 100,000 rows.
CREATE TABLE counts(rows INTEGER NOT NULL, problems INTEGER NOT NULL);
INSERT INTO counts VALUES (0, 0);
CREATE TRIGGER files_counted AFTER INSERT ON files BEGIN
  UPDATE counts SET rows = rows + (NEW.problem IS NULL), problems = problems + (NEW.problem IS NOT NULL);
END;
CREATE TRIGGER files_uncounted AFTER DELETE ON files BEGIN
  UPDATE counts SET rows = rows - (OLD.problem IS NULL), problems = problems - (OLD.problem IS NOT NULL);
END;
CREATE TABLE speakers(
  file INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  PRIMARY KEY(file, idx)
) WITHOUT ROWID;
CREATE TABLE quotes(
  id INTEGER PRIMARY KEY,
  file INTEGER NOT NULL,
  speaker INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  kind INTEGER NOT NULL
);
CREATE INDEX quotes_file ON quotes(file);
-- detail=column: the position lists are what a query for a common word and BM25's count of
-- the documents holding it read through; without them a doclist is a fraction of the size
-- (search at 100,000 articles: 44 -> 16 ms for three words found in every article). The cost:
-- BM25 counts a word once per column, so the columns' weights and the lengths rank, not how
-- often a word recurs. No query uses phrases or NEAR, and passages are found in the file.
CREATE VIRTUAL TABLE text_fts USING fts5(
  title, source, section, authors, tags, speakers, body,
  content='', contentless_delete=1, detail=column, tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE quote_fts USING fts5(
  speaker, text,
  content='', contentless_delete=1, detail=column, tokenize='unicode61 remove_diacritics 2'
);
";

/// An open index.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// The articles folder as this session names it (rows carry `root/rel`).
    root: PathBuf,
}

/// The index file for the store at `root`: in `cache_dir`, keyed by the folder's canonical
/// path, so the same folder reached another way shares it.
pub fn db_path(cache_dir: &Path, root: &Path) -> PathBuf {
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    cache_dir.join(format!(
        "index-{:016x}.sqlite",
        fnv1a(canonical.as_os_str().as_encoded_bytes())
    ))
}

/// FNV-1a: stable across builds and platforms, unlike the std hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(unix)]
pub(super) fn rel_bytes(rel: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    rel.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
pub(super) fn rel_bytes(rel: &Path) -> Vec<u8> {
    rel.to_string_lossy().into_owned().into_bytes()
}

#[cfg(unix)]
pub(super) fn rel_path(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
pub(super) fn rel_path(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

fn kind_code(k: SpeakerKind) -> i64 {
    match k {
        SpeakerKind::Person => 0,
        SpeakerKind::Organization => 1,
        SpeakerKind::Anonymous => 2,
        SpeakerKind::Unknown => 3,
    }
}

fn kind_of(code: i64) -> SpeakerKind {
    match code {
        0 => SpeakerKind::Person,
        1 => SpeakerKind::Organization,
        2 => SpeakerKind::Anonymous,
        _ => SpeakerKind::Unknown,
    }
}

pub(super) fn quote_code(k: QuoteKind) -> i64 {
    match k {
        QuoteKind::Direct => 0,
        QuoteKind::Indirect => 1,
        QuoteKind::Mixed => 2,
    }
}

pub(super) fn quote_kind(code: i64) -> QuoteKind {
    match code {
        1 => QuoteKind::Indirect,
        2 => QuoteKind::Mixed,
        _ => QuoteKind::Direct,
    }
}

/// The order of the list: newest published first, undated last, then title, then path.
fn sort_at(published: Option<&str>) -> i64 {
    published
        .and_then(published_seconds)
        .map_or(i64::MAX, i64::saturating_neg)
}

impl Db {
    /// Open (or create) the index for `root` at `path`. An index that cannot be read, or
    /// that another version wrote, is rebuilt empty.
    pub fn open(path: &Path, root: &Path) -> Result<Db, DbError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| DbError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        if let Ok(db) = Self::try_open(path, root) {
            return Ok(db);
        }
        // Corrupt, truncated or not a database at all: only a cache, start afresh.
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        Self::try_open(path, root)
    }

    /// An index held in memory only (when the cache dir cannot be written).
    pub fn in_memory(root: &Path) -> Result<Db, DbError> {
        let sql = |source| DbError::Sql {
            path: PathBuf::from(":memory:"),
            source,
        };
        let conn = Connection::open_in_memory().map_err(sql)?;
        let mut db = Db {
            conn,
            path: PathBuf::from(":memory:"),
            root: root.to_owned(),
        };
        db.ensure_schema()?;
        Ok(db)
    }

    fn try_open(path: &Path, root: &Path) -> Result<Db, DbError> {
        let sql = |source| DbError::Sql {
            path: path.to_owned(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(sql)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(sql)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
        let mut db = Db {
            conn,
            path: path.to_owned(),
            root: root.to_owned(),
        };
        db.ensure_schema()?;
        Ok(db)
    }

    pub(super) fn err(&self, source: rusqlite::Error) -> DbError {
        DbError::Sql {
            path: self.path.clone(),
            source,
        }
    }

    /// Create the tables in a new index; an index another version wrote is an error (the
    /// caller starts afresh).
    fn ensure_schema(&mut self) -> Result<(), DbError> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if version == SCHEMA_VERSION {
            // Reading one row proves the tables are there and readable.
            return self
                .conn
                .query_row("SELECT count(*) FROM files WHERE id = 0", [], |_| Ok(()))
                .map_err(|e| self.err(e));
        }
        if version != 0 {
            return Err(foreign(&self.path));
        }
        let path = self.path.clone();
        let sql = |source| DbError::Sql {
            path: path.clone(),
            source,
        };
        // Immediate: a second process creating the same index waits, then sees it done.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql)?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql)?;
        if version == 0 {
            let tables: i64 = tx
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(sql)?;
            if tables > 0 {
                return Err(foreign(&path));
            }
            tx.execute_batch(SCHEMA).map_err(sql)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(sql)?;
        } else if version != SCHEMA_VERSION {
            return Err(foreign(&path));
        }
        tx.commit().map_err(sql)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn rel<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// The stamp of every file the index knows, by path.
    pub fn stamps(&self) -> Result<HashMap<PathBuf, Stamp>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rel, size, mtime_ns FROM files")
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            let size: i64 = r.get(1)?;
            Ok((
                self.root.join(rel_path(r.get(0)?)),
                Stamp {
                    size: size as u64,
                    mtime_ns: r.get(2)?,
                },
            ))
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Write `records` (replacing what the index had for those files) and forget `removed`,
    /// in one transaction.
    pub fn apply(&mut self, records: &[FileRecord], removed: &[PathBuf]) -> Result<(), DbError> {
        let root = self.root.clone();
        let path = self.path.clone();
        let sql = |source| DbError::Sql {
            path: path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql)?;
        for p in removed {
            delete_file(&tx, &rel_bytes(p.strip_prefix(&root).unwrap_or(p))).map_err(sql)?;
        }
        for r in records {
            let rel = rel_bytes(r.path.strip_prefix(&root).unwrap_or(&r.path));
            delete_file(&tx, &rel).map_err(sql)?;
            insert_file(&tx, &rel, r).map_err(sql)?;
        }
        tx.commit().map_err(sql)
    }

    /// How many good rows and problems the index holds.
    pub fn counts(&self) -> Result<(usize, usize), DbError> {
        self.conn
            .query_row("SELECT rows, problems FROM counts", [], |r| {
                Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize))
            })
            .map_err(|e| self.err(e))
    }

    /// The first `limit` list rows in list order (all of them for `None`).
    pub fn rows(&self, limit: Option<usize>) -> Result<Vec<Entry>, DbError> {
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rel, section, title, source, published, size, quote_count FROM files \
                 WHERE problem IS NULL ORDER BY sort_at, title_key, rel LIMIT ?1",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([limit], |r| {
            let size: i64 = r.get(5)?;
            let quotes: i64 = r.get(6)?;
            Ok(Entry {
                path: self.root.join(rel_path(r.get(0)?)),
                section: r.get(1)?,
                title: r.get(2)?,
                source: r.get(3)?,
                published: r.get(4)?,
                size: size as u64,
                quote_count: quotes as usize,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// The files that were skipped, and why.
    pub fn problems(&self) -> Result<Vec<Problem>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rel, problem, problem_line FROM files WHERE problem IS NOT NULL ORDER BY rel",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            let line: Option<i64> = r.get(2)?;
            Ok(Problem {
                path: self.root.join(rel_path(r.get(0)?)),
                reason: r.get(1)?,
                line: line.map(|l| l as usize),
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// The speaker record of every article, in path order (for the speaker index).
    pub fn records(&self) -> Result<Vec<ArticleRecord>, DbError> {
        let mut out: Vec<ArticleRecord> = Vec::new();
        let mut at: HashMap<i64, usize> = HashMap::new();
        let mut files = self
            .conn
            .prepare(
                "SELECT id, rel, title FROM files WHERE problem IS NULL AND id IN \
                 (SELECT file FROM speakers) ORDER BY rel",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = files.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let id: i64 = r.get(0).map_err(|e| self.err(e))?;
            at.insert(id, out.len());
            out.push(ArticleRecord {
                path: self.root.join(rel_path(r.get(1).map_err(|e| self.err(e))?)),
                title: r.get(2).map_err(|e| self.err(e))?,
                speakers: Vec::new(),
                quotes: Vec::new(),
            });
        }
        let mut speakers = self
            .conn
            .prepare("SELECT file, key, name, kind FROM speakers ORDER BY file, idx")
            .map_err(|e| self.err(e))?;
        let mut rows = speakers.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = |i| r.get::<_, rusqlite::types::Value>(i);
            let file: i64 = r.get(0).map_err(|e| self.err(e))?;
            let Some(&i) = at.get(&file) else { continue };
            let (key, name, kind) = (get(1), get(2), r.get::<_, i64>(3));
            if let (
                Ok(rusqlite::types::Value::Text(key)),
                Ok(rusqlite::types::Value::Text(name)),
                Ok(kind),
            ) = (key, name, kind)
            {
                out[i].speakers.push(RecordSpeaker {
                    key,
                    name,
                    kind: kind_of(kind),
                });
            }
        }
        let mut quotes = self
            .conn
            .prepare(
                "SELECT file, speaker, start, end, text, kind FROM quotes ORDER BY file, start",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = quotes.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let file: i64 = r.get(0).map_err(|e| self.err(e))?;
            let Some(&i) = at.get(&file) else { continue };
            let q = (|| {
                Ok::<_, rusqlite::Error>(RecordQuote {
                    speaker: r.get::<_, i64>(1)? as usize,
                    start: r.get::<_, i64>(2)? as usize,
                    end: r.get::<_, i64>(3)? as usize,
                    text: r.get(4)?,
                    kind: quote_kind(r.get(5)?),
                })
            })()
            .map_err(|e| self.err(e))?;
            out[i].quotes.push(q);
        }
        Ok(out)
    }

    /// The connection, for the search queries.
    pub(super) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The path of a row's `rel` column.
    pub(super) fn join(&self, rel: Vec<u8>) -> PathBuf {
        self.root.join(rel_path(rel))
    }

    /// The stamp the index has for `path` (as an article or a problem).
    pub fn stamp(&self, path: &Path) -> Result<Option<Stamp>, DbError> {
        self.conn
            .prepare_cached("SELECT size, mtime_ns FROM files WHERE rel = ?1")
            .and_then(|mut s| {
                s.query_row([rel_bytes(self.rel(path))], |r| {
                    Ok(Stamp {
                        size: r.get::<_, i64>(0)? as u64,
                        mtime_ns: r.get(1)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }
}

fn foreign(path: &Path) -> DbError {
    DbError::Foreign {
        path: path.to_owned(),
    }
}

fn delete_file(tx: &Transaction<'_>, rel: &[u8]) -> rusqlite::Result<()> {
    let Some(id) = tx
        .prepare_cached("SELECT id FROM files WHERE rel = ?1")?
        .query_row([rel], |r| r.get::<_, i64>(0))
        .optional()?
    else {
        return Ok(());
    };
    tx.prepare_cached(
        "DELETE FROM quote_fts WHERE rowid IN (SELECT id FROM quotes WHERE file = ?1)",
    )?
    .execute([id])?;
    tx.prepare_cached("DELETE FROM quotes WHERE file = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM speakers WHERE file = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM text_fts WHERE rowid = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM files WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn insert_file(tx: &Transaction<'_>, rel: &[u8], r: &FileRecord) -> rusqlite::Result<()> {
    let size = i64::try_from(r.stamp.size).unwrap_or(i64::MAX);
    let a = match &r.outcome {
        Err(p) => {
            let section = crate::article::section_of(Path::new(""), &rel_path(rel.to_vec()));
            tx.prepare_cached(
                "INSERT INTO files(rel, size, mtime_ns, section, title, sort_at, title_key, \
                 quote_count, problem, problem_line) VALUES (?1, ?2, ?3, ?4, '', 0, '', 0, ?5, ?6)",
            )?
            .execute(params![
                rel,
                size,
                r.stamp.mtime_ns,
                section,
                p.reason,
                p.line
            ])?;
            return Ok(());
        }
        Ok(a) => a,
    };
    let e = &a.entry;
    tx.prepare_cached(
        "INSERT INTO files(rel, size, mtime_ns, section, title, source, published, sort_at, \
         title_key, quote_count, identity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        rel,
        size,
        r.stamp.mtime_ns,
        e.section,
        e.title,
        e.source,
        e.published,
        sort_at(e.published.as_deref()),
        e.title.to_lowercase(),
        e.quote_count,
        a.identity,
    ])?;
    let id = tx.last_insert_rowid();
    let names: Vec<&str> = a.record.speakers.iter().map(|s| s.name.as_str()).collect();
    tx.prepare_cached(
        "INSERT INTO text_fts(rowid, title, source, section, authors, tags, speakers, body) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        e.title,
        e.source,
        e.section,
        a.authors.join("; "),
        a.tags.join("; "),
        names.join("; "),
        a.body,
    ])?;
    for (i, s) in a.record.speakers.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO speakers(file, idx, key, name, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id, i, s.key, s.name, kind_code(s.kind)])?;
    }
    for q in &a.record.quotes {
        tx.prepare_cached(
            "INSERT INTO quotes(file, speaker, start, end, text, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            id,
            q.speaker,
            q.start,
            q.end,
            q.text,
            quote_code(q.kind)
        ])?;
        let qid = tx.last_insert_rowid();
        let speaker = a.record.speakers.get(q.speaker).map(|s| s.name.as_str());
        tx.prepare_cached("INSERT INTO quote_fts(rowid, speaker, text) VALUES (?1, ?2, ?3)")?
            .execute(params![qid, speaker, q.text])?;
    }
    Ok(())
}
