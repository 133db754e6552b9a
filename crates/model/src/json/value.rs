//! The value tree: a whole document read into [`Value`], for [`super::FromJson`] to decode.

use super::reader::Reader;

/// A JSON value as press writes it: numbers are integers (every number in the contract is).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Num(i64),
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

impl Value {
    /// Field `key` of an object; a missing field and `null` are the same (`None`).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| **v != Value::Null),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl Reader<'_> {
    /// Any value, as a tree.
    pub(crate) fn value(&mut self) -> Option<Value> {
        Some(match self.peek()? {
            b'"' => Value::Str(self.string()?),
            b'[' => Value::Arr(self.array(Self::value)?),
            b'{' => Value::Obj(self.object(|reader, key| Some((key, reader.value()?)))?),
            b'n' => self.literal("null").map(|_| Value::Null)?,
            b't' => self.literal("true").map(|_| Value::Bool(true))?,
            b'f' => self.literal("false").map(|_| Value::Bool(false))?,
            _ => {
                let negative = self.take(b'-');
                let n = i64::from(self.u32()?);
                // A fraction or exponent is dropped: the contract has none.
                self.skip_fraction_and_exponent();
                Value::Num(if negative { -n } else { n })
            }
        })
    }
}

/// Parses a whole document.
pub fn parse(text: &str) -> Option<Value> {
    let mut reader = Reader::new(text);
    let value = reader.value();
    reader.end(value)
}
