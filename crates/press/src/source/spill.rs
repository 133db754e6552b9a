//! Article bodies parked on disk as JSON while press build runs (docs/adr/0005): in an unlinked
//! temporary file, or in the parse cache's bodies file, which outlives the run (docs/adr/0021).

/// An article body's JSON in a [`BodyStore`].
#[derive(Debug, Clone)]
pub struct SpilledBody {
    store: std::sync::Arc<BodyStore>,
    offset: u64,
    len: usize,
}

impl SpilledBody {
    /// The body's JSON (a JSON array of blocks), exactly as serialised when loading.
    pub fn json(&self) -> std::io::Result<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0; self.len];
        self.store.file.read_exact_at(&mut buf, self.offset)?;
        Ok(buf)
    }

    /// Where the JSON is in its store: offset and length.
    pub fn place(&self) -> (u64, usize) {
        (self.offset, self.len)
    }

    /// Its store's file name, offset and length, when the store is a named file: bytes once
    /// appended there are never written again, so the three name the same body in every run
    /// that reads the file. `None` in a temporary store.
    pub fn origin(&self) -> Option<(&str, u64, usize)> {
        Some((self.store.name.as_deref()?, self.offset, self.len))
    }
}

/// An append-only file of JSON bodies: a temporary one, removed by the system when closed, or
/// the parse cache's, opened with [`BodyStore::open`].
#[derive(Debug)]
pub struct BodyStore {
    file: std::fs::File,
    end: std::sync::Mutex<u64>,
    /// The file's name, for a store that outlives the run.
    name: Option<String>,
}

impl BodyStore {
    pub fn new() -> std::io::Result<Self> {
        Ok(BodyStore { file: tempfile::tempfile()?, end: std::sync::Mutex::new(0), name: None })
    }

    /// The file at `path`, made when missing; appends go after what it holds. Bytes already
    /// there are never written again, so a run reading them through an older cache index is
    /// safe while this one appends.
    pub fn open(path: &std::path::Path) -> std::io::Result<Self> {
        let file = std::fs::File::options().read(true).write(true).create(true).truncate(false).open(path)?;
        let end = file.metadata()?.len();
        Ok(BodyStore { file, end: std::sync::Mutex::new(end), name: name_of(path) })
    }

    /// The file at `path` when it exists (`write`: to append to it).
    pub fn open_existing(path: &std::path::Path, write: bool) -> std::io::Result<Self> {
        let file = std::fs::File::options().read(true).write(write).open(path)?;
        let end = file.metadata()?.len();
        Ok(BodyStore { file, end: std::sync::Mutex::new(end), name: name_of(path) })
    }

    /// The body already stored at `offset`, `len` bytes long.
    pub fn at(self: &std::sync::Arc<Self>, offset: u64, len: usize) -> SpilledBody {
        SpilledBody { store: self.clone(), offset, len }
    }

    /// How long the file is, appends included.
    pub fn len(&self) -> u64 {
        *self.end.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether nothing was stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Puts the appended bodies on disk, before an index that points at them is.
    pub fn sync(&self) -> std::io::Result<()> {
        self.file.sync_data()
    }

    /// Appends `json` (from any thread) and returns where it went.
    pub fn put(self: &std::sync::Arc<Self>, json: &[u8]) -> std::io::Result<SpilledBody> {
        use std::os::unix::fs::FileExt;
        let offset = {
            let mut end = self.end.lock().map_err(|_| std::io::Error::other("body store poisoned"))?;
            let at = *end;
            *end += json.len() as u64;
            at
        };
        self.file.write_all_at(json, offset)?;
        Ok(SpilledBody { store: self.clone(), offset, len: json.len() })
    }
}

fn name_of(path: &std::path::Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}
