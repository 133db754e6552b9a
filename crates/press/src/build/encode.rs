//! The tree's documents as JSON, by serde_json.

use serde::Serialize;

pub(super) fn json_string<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("model types serialise to JSON")
}

pub(super) fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // The model's types have string keys and plain values only: serialising cannot fail.
    serde_json::to_vec(value).expect("model types serialise to JSON")
}
