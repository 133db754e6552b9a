//! What every target does with its bytes first.

/// The text of an input: the parsers read `&str`, and what is not UTF-8 becomes U+FFFD, as a
/// decoder in front of them would make it.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
