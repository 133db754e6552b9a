//! Reading the JSON press writes without serde.
//!
//! press writes with serde; the app reads with this module, because serde's derived
//! `Deserialize` plus serde_json, monomorphised for each of the contract's types, cost the wasm
//! far more than these few hundred lines (docs/PERFORMANCE.md has the measured figure). Three
//! parts:
//!
//! - `reader`: a one-pass byte reader ([`Reader`]), which the search files use directly;
//! - `value`: the small value tree ([`Value`]) a whole document is read into;
//! - `decode`: [`FromJson`] for every contract type, read from that tree.
//!
//! The reader reads what serde_json reads, no more and no less (RFC 8259, and serde_json's
//! limits on nesting and on numbers): `crates/fuzz-targets/tests/json_differential.rs` checks
//! it against serde_json on random and broken documents, and the fuzz target `json_reader` on
//! libFuzzer's (docs/FUZZING.md). The decoders read a whole document as serde does (their
//! tests check every contract type field by field), and a partly broken one more leniently than
//! serde: they leave out what does not decode and keep the rest (see `decode`).

mod decode;
mod reader;
mod value;

pub use decode::{counting, decode_counting, from_str, FromJson};
pub(crate) use reader::Reader;
pub use value::{parse, Value};
