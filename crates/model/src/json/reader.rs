//! The byte reader: one pass over the text, no tokens and no allocations but the strings it
//! returns. The search files are read with it directly, the other documents through
//! [`super::Value`].

/// A cursor over a JSON text. Every reading method skips the white space before what it reads
/// and returns `None` when the text does not have that shape there.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Reader { bytes: text.as_bytes(), pos: 0 }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The next byte after white space, not consumed.
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.pos).copied()
    }

    /// Consumes `byte` if it comes next (after white space).
    pub(crate) fn take(&mut self, byte: u8) -> bool {
        let hit = self.peek() == Some(byte);
        self.pos += usize::from(hit);
        hit
    }

    /// Consumes `word` if the text goes on with it.
    pub(crate) fn literal(&mut self, word: &str) -> Option<()> {
        let hit = self.bytes.get(self.pos..self.pos + word.len())? == word.as_bytes();
        self.pos += word.len();
        hit.then_some(())
    }

    /// A run of decimal digits as a `u32`.
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.skip_whitespace();
        let start = self.pos;
        let mut n: u32 = 0;
        while let Some(digit @ b'0'..=b'9') = self.bytes.get(self.pos).copied() {
            n = n.checked_mul(10)?.checked_add(u32::from(digit - b'0'))?;
            self.pos += 1;
        }
        (self.pos > start).then_some(n)
    }

    /// Skips what follows a number's integer part (the contract's numbers have none).
    pub(crate) fn skip_fraction_and_exponent(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')) {
            self.pos += 1;
        }
    }

    fn hex_escape(&mut self) -> Option<u32> {
        let hex = std::str::from_utf8(self.bytes.get(self.pos..self.pos + 4)?).ok()?;
        self.pos += 4;
        u32::from_str_radix(hex, 16).ok()
    }

    /// A string, escapes decoded.
    pub(crate) fn string(&mut self) -> Option<String> {
        if !self.take(b'"') {
            return None;
        }
        let mut out = String::new();
        loop {
            let start = self.pos;
            while !matches!(self.bytes.get(self.pos), None | Some(b'"' | b'\\')) {
                self.pos += 1;
            }
            // A run between two ASCII delimiters is whole UTF-8.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.pos]).ok()?);
            let delimiter = *self.bytes.get(self.pos)?;
            self.pos += 1;
            if delimiter == b'"' {
                return Some(out);
            }
            let escape = *self.bytes.get(self.pos)?;
            self.pos += 1;
            out.push(match escape {
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let high = self.hex_escape()?;
                    let code = if (0xD800..0xDC00).contains(&high) {
                        if self.bytes.get(self.pos..self.pos + 2)? != b"\\u" {
                            return None;
                        }
                        self.pos += 2;
                        let low = self.hex_escape().filter(|low| (0xDC00..0xE000).contains(low))?;
                        0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        high
                    };
                    char::from_u32(code)?
                }
                b'"' | b'\\' | b'/' => char::from(escape),
                _ => return None,
            });
        }
    }

    /// `[item, …]`
    pub(crate) fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        if !self.take(b'[') {
            return None;
        }
        if self.take(b']') {
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            if self.take(b']') {
                return Some(out);
            }
            if !self.take(b',') {
                return None;
            }
        }
    }

    /// `{"key": value, …}`, each entry made by `entry` from its key.
    pub(crate) fn object<T>(&mut self, mut entry: impl FnMut(&mut Self, String) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        if !self.take(b'{') {
            return None;
        }
        if self.take(b'}') {
            return Some(out);
        }
        loop {
            let key = self.string()?;
            if !self.take(b':') {
                return None;
            }
            out.push(entry(self, key)?);
            if self.take(b'}') {
                return Some(out);
            }
            if !self.take(b',') {
                return None;
            }
        }
    }

    /// Skips any value (a key a newer press added).
    pub(crate) fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'[' => self.array(Self::skip_value).map(drop),
            b'{' => self.object(|reader, _| reader.skip_value()).map(drop),
            _ => {
                let start = self.pos;
                while matches!(self.bytes.get(self.pos), Some(b'0'..=b'9' | b'a'..=b'z' | b'.' | b'-' | b'+' | b'E')) {
                    self.pos += 1;
                }
                (self.pos > start).then_some(())
            }
        }
    }

    /// `value` if only white space follows it: the whole text was one document.
    pub(crate) fn end<T>(mut self, value: Option<T>) -> Option<T> {
        self.skip_whitespace();
        value.filter(|_| self.pos == self.bytes.len())
    }
}
