//! `model::json`, the app's own JSON reader, against serde_json; and the typed decoders.

use model::json::{from_str, parse, Value};
use serde_json::{Number, Value as Reference};

/// `parse` must accept exactly what serde_json accepts and read the same value ([`same`]).
pub fn reader(data: &[u8]) {
    let text = crate::input::text(data);
    if let Err(why) = agree(&text) {
        panic!("input {text:?}:\n{why}");
    }
}

/// Whether `parse` and serde_json agree on `text`: both refuse it, or both read the same value.
pub fn agree(text: &str) -> Result<bool, String> {
    let ours = parse(text);
    let theirs = serde_json::from_str::<Reference>(text);
    match (&ours, &theirs) {
        (Some(ours), Ok(theirs)) => same(ours, theirs).map(|()| true),
        (None, Err(_)) => Ok(false),
        (Some(ours), Err(e)) => Err(format!("we accept it as {ours:?}, serde_json refuses it: {e}")),
        (None, Ok(theirs)) => Err(format!("we refuse it, serde_json reads {theirs}")),
    }
}

/// Whether our value is serde_json's, or where they differ.
///
/// Strings, booleans, null and arrays compare as they are. Objects: serde_json's map keeps one
/// entry per key, the last written; ours keeps every entry in order, so its keys, each with
/// its last value (which `Value::get` returns), must be the map's.
///
/// Numbers: `Num(n)` is right where serde_json holds an `i64` equal to `n`; `OtherNum(text)`
/// where serde_json holds anything else (a `u64` above `i64::MAX`, or an `f64`: every number
/// with a fraction or an exponent, `-0`, integers beyond `u64`) and `text` alone, read by
/// serde_json, is that same number: the same `u64`, or an `f64` with the same bits (so `-0.0`
/// is not `0.0`). That checks both where the reader splits numbers and the text it keeps. The
/// reader never converts a float itself (the app reads none), so serde_json converts both.
pub fn same(ours: &Value, theirs: &Reference) -> Result<(), String> {
    let differ = || Err(format!("ours {ours:?}, serde_json's {theirs}"));
    match (ours, theirs) {
        (Value::Null, Reference::Null) => Ok(()),
        (Value::Bool(a), Reference::Bool(b)) if a == b => Ok(()),
        (Value::Str(a), Reference::String(b)) if a == b => Ok(()),
        (Value::Num(n), Reference::Number(k)) if k.as_i64() == Some(*n) => Ok(()),
        (Value::OtherNum(text), Reference::Number(k)) => {
            let alone = serde_json::from_str::<Number>(text).ok().filter(|_| text.trim() == text);
            match alone {
                Some(alone) if k.as_i64().is_none() && number_bits(&alone) == number_bits(k) => Ok(()),
                _ => differ(),
            }
        }
        (Value::Arr(a), Reference::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().try_for_each(|(i, (a, b))| same(a, b).map_err(|e| format!("[{i}] {e}")))
        }
        (Value::Obj(fields), Reference::Object(map)) => {
            let mut keys = 0;
            for (i, (key, value)) in fields.iter().enumerate() {
                if fields[i + 1..].iter().any(|(later, _)| later == key) {
                    continue;
                }
                keys += 1;
                let Some(theirs) = map.get(key) else { return differ() };
                same(value, theirs).map_err(|e| format!("[{key:?}] {e}"))?;
                if ours.get(key) != Some(value).filter(|v| **v != Value::Null) {
                    return Err(format!("get({key:?}) is not the last {key:?} of {ours:?}"));
                }
            }
            if keys == map.len() {
                Ok(())
            } else {
                differ()
            }
        }
        _ => differ(),
    }
}

/// A number as serde_json holds it: its `u64`, its `i64`, or its `f64`'s bits.
fn number_bits(k: &Number) -> (Option<u64>, Option<i64>, Option<u64>) {
    (k.as_u64(), k.as_i64(), k.as_f64().filter(|_| k.is_f64()).map(f64::to_bits))
}

/// Every document type the app loads, and the search files, read from any text: never a
/// panic (a broken backend must cost the reader a page at most, never the app).
pub fn decode(data: &[u8]) {
    let text = crate::input::text(data);
    let text = text.as_ref();
    let _ = from_str::<model::Site>(text);
    let _ = from_str::<model::Home>(text);
    let _ = from_str::<model::Article>(text);
    let _ = from_str::<model::ListPage>(text);
    let _ = from_str::<model::SectionPage>(text);
    let _ = from_str::<model::TagPage>(text);
    let _ = from_str::<model::AuthorPage>(text);
    let _ = from_str::<model::StaticPage>(text);
    if let Some(v) = parse(text) {
        let _ = model::json::decode_counting::<model::Article>(&v);
        let _ = model::json::decode_counting::<Vec<model::ArticleSummary>>(&v);
    }
    if let Some(index) = model::search::parse_index(text) {
        // What the search box asks the index for, from the text itself as the query.
        let words = model::search::query_words(text);
        let _ = index.shard_paths(&words);
        let _ = index.chunk_of(u32::try_from(text.len()).unwrap_or(u32::MAX));
    }
    if let Some(shard) = model::search::parse_shard(text) {
        let words = model::search::query_words(text);
        let _ = model::search::matches(std::slice::from_ref(&shard), &words, true);
    }
    if let Some(docs) = model::search::parse_docs(text) {
        for doc in docs {
            let _ = doc.into_summary();
        }
    }
}
