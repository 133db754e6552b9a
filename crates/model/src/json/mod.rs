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
//! The decoders' tests check that this module and serde_json agree on every type, field by
//! field, with optional fields present and absent.

mod decode;
mod reader;
mod value;

pub use decode::{from_str, FromJson};
pub(crate) use reader::Reader;
pub use value::{parse, Value};
