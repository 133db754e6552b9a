//! Article bodies parked on disk as JSON while press build runs (docs/adr/0005).

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
}

/// An append-only temporary file of JSON bodies, removed by the system when closed.
#[derive(Debug)]
pub struct BodyStore {
    file: std::fs::File,
    end: std::sync::Mutex<u64>,
}

impl BodyStore {
    pub fn new() -> std::io::Result<Self> {
        Ok(BodyStore { file: tempfile::tempfile()?, end: std::sync::Mutex::new(0) })
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
