//! The byte reader: one pass over the text, no tokens, no allocations but the strings it
//! returns. The search files are read with it directly, the other documents through
//! [`super::Value`].
//!
//! It accepts exactly what serde_json accepts (RFC 8259, plus serde_json's limits on nesting
//! and on numbers), so a document that one side reads and the other refuses cannot slip through.

/// serde_json's nesting limit: its 128th nested array or object is an error. Reading is
/// recursive, so the limit also keeps a hostile document from overflowing the stack.
const MAX_DEPTH: u8 = 127;

/// The smallest significands serde_json refuses with a power of ten of 289 to 292 (see
/// [`out_of_range`]).
const FIRST_THRESHOLDS: [u64; 4] = [17976931348623156225, 1797693134862315649, 179769313486231600, 17976931348623158];

/// A number as serde_json holds it.
pub(crate) enum Number<'a> {
    /// An integer serde_json holds as an `i64` (`-0` is not one: serde_json makes it a float).
    Int(i64),
    /// Any other number (a fraction, an exponent, `-0`, an integer beyond `i64`), as written.
    Other(&'a str),
}

/// A cursor over a JSON text. Every reading method skips the white space before what it reads
/// and returns `None` when the text does not have that shape there; after a `None` the reader
/// is not meant to go on.
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// Arrays and objects open around the cursor.
    depth: u8,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Reader { text, pos: 0, depth: 0 }
    }

    /// The byte at the cursor, white space included.
    fn current(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// The byte at the cursor, consumed.
    fn next_byte(&mut self) -> Option<u8> {
        let byte = self.current()?;
        self.pos += 1;
        Some(byte)
    }

    /// Consumes `byte` if it is at the cursor (no white space before it).
    fn take_here(&mut self, byte: u8) -> bool {
        let hit = self.current() == Some(byte);
        self.pos += usize::from(hit);
        hit
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.current(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The next byte after white space, not consumed.
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.current()
    }

    /// Consumes `byte` if it comes next (after white space).
    pub(crate) fn take(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        self.take_here(byte)
    }

    /// Consumes `word` (`true`, `false`, `null`): all of it, or the text is not JSON.
    pub(crate) fn literal(&mut self, word: &str) -> Option<()> {
        self.skip_whitespace();
        let hit = self.text.as_bytes().get(self.pos..)?.starts_with(word.as_bytes());
        self.pos += word.len();
        hit.then_some(())
    }

    /// A number (RFC 8259's grammar), an `Int` where serde_json holds an `i64`; `None` also for
    /// one serde_json refuses as out of range.
    pub(crate) fn number(&mut self) -> Option<Number<'a>> {
        self.skip_whitespace();
        let start = self.pos;
        let negative = self.take_here(b'-');
        // serde_json reads a number into a u64 significand and a power of ten.
        let mut significand = 0u64;
        let mut exponent = 0i64;
        let first = self.current();
        let integer_digits = self.digits(&mut significand, &mut exponent, false);
        // One digit at least, and no leading zero.
        if integer_digits == 0 || (integer_digits > 1 && first == Some(b'0')) {
            return None;
        }
        let mut integer = true;
        if self.take_here(b'.') {
            integer = false;
            if self.digits(&mut significand, &mut exponent, true) == 0 {
                return None;
            }
        }
        if matches!(self.current(), Some(b'e' | b'E')) {
            self.pos += 1;
            integer = false;
            let negative_power = self.take_here(b'-');
            if !negative_power {
                self.take_here(b'+');
            }
            let mut power = 0i64;
            let mut power_digits = 0;
            while let Some(digit @ b'0'..=b'9') = self.current() {
                // Capped just past i32::MAX: serde_json decides so large a power by its sign
                // alone (refused when positive, zero when negative), and so does the cap.
                power = (power * 10 + i64::from(digit - b'0')).min(1 << 31);
                power_digits += 1;
                self.pos += 1;
            }
            if power_digits == 0 {
                return None;
            }
            exponent += if negative_power { -power } else { power };
        }
        if out_of_range(significand, exponent) {
            return None;
        }
        let text = self.text.get(start..self.pos)?;
        // serde_json's integers: a u64, or its negation if that fits an i64 and is not -0.
        let signed = if negative { (significand as i64).wrapping_neg() } else { significand as i64 };
        Some(if integer && exponent == 0 && (signed < 0) == negative {
            Number::Int(signed)
        } else {
            Number::Other(text)
        })
    }

    /// Reads a run of digits into `significand` and `exponent` as serde_json does: while the
    /// significand fits a u64 each digit is appended to it (a fraction digit also takes one off
    /// the exponent); from the first digit that does not fit, the rest of the run is dropped (an
    /// integer digit then adds one to the exponent). Returns the number of digits.
    fn digits(&mut self, significand: &mut u64, exponent: &mut i64, fraction: bool) -> usize {
        let start = self.pos;
        let mut full = false;
        while let Some(digit @ b'0'..=b'9') = self.current() {
            self.pos += 1;
            match significand.checked_mul(10).and_then(|n| n.checked_add(u64::from(digit - b'0'))) {
                Some(n) if !full => {
                    *significand = n;
                    *exponent -= i64::from(fraction);
                }
                _ => {
                    full = true;
                    *exponent += i64::from(!fraction);
                }
            }
        }
        self.pos - start
    }

    /// A number that is a `u32` to serde (no fraction, no exponent, no sign).
    pub(crate) fn u32(&mut self) -> Option<u32> {
        match self.number()? {
            Number::Int(n) => u32::try_from(n).ok(),
            Number::Other(_) => None,
        }
    }

    /// The four hex digits of a `\u` escape.
    fn hex_escape(&mut self) -> Option<u32> {
        let mut code = 0;
        for _ in 0..4 {
            code = code * 16 + char::from(self.next_byte()?).to_digit(16)?;
        }
        Some(code)
    }

    /// A string, escapes decoded. Control characters must be escaped, and a `\u` escape of a
    /// UTF-16 surrogate must be a leading one followed by a trailing one.
    pub(crate) fn string(&mut self) -> Option<String> {
        if !self.take(b'"') {
            return None;
        }
        let mut out = String::new();
        loop {
            let start = self.pos;
            while matches!(self.current(), Some(byte) if byte >= 0x20 && byte != b'"' && byte != b'\\') {
                self.pos += 1;
            }
            // The run stops at an ASCII byte or the end, so it is whole characters.
            out.push_str(self.text.get(start..self.pos)?);
            match self.next_byte()? {
                b'"' => return Some(out),
                b'\\' => {}
                _ => return None,
            }
            let escape = self.next_byte()?;
            out.push(match escape {
                b'"' | b'\\' | b'/' => char::from(escape),
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let high = self.hex_escape()?;
                    let code = if (0xD800..0xDC00).contains(&high) {
                        if !(self.take_here(b'\\') && self.take_here(b'u')) {
                            return None;
                        }
                        let low = self.hex_escape().filter(|low| (0xDC00..0xE000).contains(low))?;
                        0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        high
                    };
                    // A lone trailing surrogate is no char.
                    char::from_u32(code)?
                }
                _ => return None,
            });
        }
    }

    /// Reads the items between `open` and `close`, separated by commas, one nesting level
    /// deeper.
    fn sequence(&mut self, open: u8, close: u8, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        if !self.take(open) || self.depth == MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        if !self.take(close) {
            loop {
                item(self)?;
                if self.take(close) {
                    break;
                }
                if !self.take(b',') {
                    return None;
                }
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// `[item, …]`
    pub(crate) fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        self.sequence(b'[', b']', |reader| {
            out.push(item(reader)?);
            Some(())
        })?;
        Some(out)
    }

    /// `{"key": value, …}`, each entry made by `entry` from its key.
    pub(crate) fn object<T>(&mut self, mut entry: impl FnMut(&mut Self, String) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        self.sequence(b'{', b'}', |reader| {
            let key = reader.string()?;
            if !reader.take(b':') {
                return None;
            }
            out.push(entry(reader, key)?);
            Some(())
        })?;
        Some(out)
    }

    /// `value` if only white space follows it: the whole text was one document.
    pub(crate) fn end<T>(mut self, value: Option<T>) -> Option<T> {
        self.skip_whitespace();
        value.filter(|_| self.pos == self.text.len())
    }
}

/// Whether serde_json refuses `significand × 10^exponent` as out of range. Without its
/// `float_roundtrip` feature it multiplies `significand as f64` by 10^exponent (an `f64` from
/// its table) and refuses an infinite product: never for a u64 times 10^288 or less, always for
/// a nonzero one times more than 10^308, and in between from a threshold on the significand,
/// found by doing serde_json's multiplication (the test pins each one against serde_json).
/// From 10^293 on, the threshold is the exact limit 2^1024 − 2^970 (where rounding to `f64`
/// reaches infinity) divided by the power, rounded up; below, serde_json's two roundings move it.
/// Integers here, so the wasm gets neither float parsing nor a table of floats.
fn out_of_range(significand: u64, exponent: i64) -> bool {
    significand != 0
        && match exponent {
            309.. => true,
            289..=292 => significand >= FIRST_THRESHOLDS[exponent as usize - 289],
            293..=308 => {
                let mut threshold: u64 = 1_797_693_134_862_316;
                for _ in 293..exponent {
                    threshold = threshold.div_ceil(10);
                }
                significand >= threshold
            }
            _ => false,
        }
}
