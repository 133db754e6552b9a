//! The value tree: a whole document read into [`Value`], for [`super::FromJson`] to decode.

use super::reader::{Number, Reader};

/// A JSON value. Numbers are split as serde_json splits them: every number in the contract is
/// an integer, and other numbers are kept as written rather than converted, which would put
/// float parsing into the wasm for numbers nothing reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// An integer serde_json holds as an `i64`: what the decoders read.
    Num(i64),
    /// Any other number (with a fraction or an exponent, `-0`, or an integer beyond `i64`), as
    /// written.
    OtherNum(String),
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

impl Value {
    /// Field `key` of an object; a missing field and `null` are the same (`None`). Of a key
    /// written twice the last counts, as in serde_json's `Value`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(fields) => {
                fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| **v != Value::Null)
            }
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
            _ => match self.number()? {
                Number::Int(n) => Value::Num(n),
                Number::Other(text) => Value::OtherNum(text.to_owned()),
            },
        })
    }

    /// Skips any value (a key a newer press added), read in full so that it is checked as
    /// strictly as the rest.
    pub(crate) fn skip_value(&mut self) -> Option<()> {
        self.value().map(drop)
    }
}

/// Parses a whole document.
pub fn parse(text: &str) -> Option<Value> {
    let mut reader = Reader::new(text);
    let value = reader.value();
    reader.end(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's verdict, the reference for every case below.
    fn serde_accepts(text: &str) -> bool {
        serde_json::from_str::<serde_json::Value>(text).is_ok()
    }

    fn nested(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    // One function on purpose: a table of inputs, one a line; its length is the table's.
    #[test]
    fn refuses_what_is_not_json() {
        let mut bad: Vec<String> = [
            // Literals: exactly true, false, null.
            "nul",
            "tru",
            "fals",
            "nulll",
            "truee",
            "True",
            "NULL",
            "nan",
            "Infinity",
            "undefined",
            "nullx",
            // Commas and brackets.
            "[1,]",
            r#"{"a":1,}"#,
            "[,1]",
            "[1,,2]",
            "{,}",
            "[,]",
            "[1 2]",
            r#"{"a" 1}"#,
            r#"{"a"}"#,
            "{1:2}",
            r#"{"a":}"#,
            "[",
            "]",
            "[]]",
            "{}}",
            r#"{"a":1"#,
            "['a']",
            // Numbers.
            "01",
            "-01",
            "00",
            "1.",
            ".5",
            "-.5",
            "1.e3",
            "-",
            "+1",
            "1e",
            "1e+",
            "1E-",
            "0x10",
            "1_000",
            "- 1",
            "1e400",
            "-1e400",
            "2e308",
            "1e99999999999",
            "18446744073709551616e300",
            "1.7976931348623159e308",
            // Strings.
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\ud800x""#,
            r#""\ud800\n""#,
            r#""\u12""#,
            r#""\u+123""#,
            r#""\u00g0""#,
            r#""\x""#,
            r#""\'""#,
            "\"a\nb\"",
            "\"\t\"",
            "\"\u{1}\"",
            "\"\u{0}\"",
            "\"abc",
            "\"\\",
            "'a'",
            // Documents: one value, white space around it only.
            "",
            " ",
            "1 2",
            "true false",
            "{} {}",
            "\u{feff}1",
            "1\u{a0}",
            "/* */ 1",
            "1 x",
        ]
        .map(String::from)
        .to_vec();
        bad.push(nested(128));
        bad.push(format!("{}1{}", r#"{"a":"#.repeat(128), "}".repeat(128)));
        for text in &bad {
            assert!(!serde_accepts(text), "serde_json accepts {text:?}");
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    /// A literal cut short (`nul`, `tru`, `fals`) is no value anywhere a value can stand: in an
    /// array, as an object's value, before a comma or a closing bracket, at the end of the text.
    /// A reader that compared only the bytes left would take `nul` at the end for `null`.
    #[test]
    fn a_truncated_literal_is_no_value() {
        for word in ["null", "true", "false"] {
            for cut in 1..word.len() {
                let short = &word[..cut];
                for text in [
                    short.to_owned(),
                    format!("[{short}]"),
                    format!("[{short},1]"),
                    format!("[1,{short}"),
                    format!(r#"{{"a":{short}}}"#),
                    format!(r#"{{"a":{short},"b":1}}"#),
                    format!(r#"{{"a":{short}"#),
                    format!("[{short} ]"),
                    format!("[{short}{}]", &word[cut + 1..]),
                ] {
                    assert!(!serde_accepts(&text), "serde_json accepts {text:?}");
                    assert_eq!(parse(&text), None, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn reads_what_is_json() {
        let string = |s: &str| Some(Value::Str(s.into()));
        let other = |s: &str| Some(Value::OtherNum(s.into()));
        let good: Vec<(String, Option<Value>)> = vec![
            ("null".into(), Some(Value::Null)),
            (" true ".into(), Some(Value::Bool(true))),
            ("\n\r\tfalse".into(), Some(Value::Bool(false))),
            (r#""\u00e9\u00C9""#.into(), string("éÉ")),
            (r#""\ud83d\ude00\/\"\\\b\f\n\r\t""#.into(), string("😀/\"\\\u{8}\u{c}\n\r\t")),
            ("\"\u{7f}é😀\"".into(), string("\u{7f}é😀")),
            (r#""\u0000""#.into(), string("\0")),
            ("0".into(), Some(Value::Num(0))),
            ("-12".into(), Some(Value::Num(-12))),
            ("9223372036854775807".into(), Some(Value::Num(i64::MAX))),
            ("-9223372036854775808".into(), Some(Value::Num(i64::MIN))),
            // serde_json holds these as floats or as a u64: kept as written.
            ("-0".into(), other("-0")),
            ("9223372036854775808".into(), other("9223372036854775808")),
            ("-9223372036854775809".into(), other("-9223372036854775809")),
            ("123456789012345678901234567890".into(), other("123456789012345678901234567890")),
            ("1.5".into(), other("1.5")),
            ("1E+5".into(), other("1E+5")),
            ("-0.0e-5".into(), other("-0.0e-5")),
            ("1e-400".into(), other("1e-400")),
            ("0e99999999999".into(), other("0e99999999999")),
            ("1e-99999999999".into(), other("1e-99999999999")),
            ("1.7976931348623157e308".into(), other("1.7976931348623157e308")),
            ("[]".into(), Some(Value::Arr(vec![]))),
            (" [ 1 , { } ] ".into(), Some(Value::Arr(vec![Value::Num(1), Value::Obj(vec![])]))),
            (r#"{"":0}"#.into(), Some(Value::Obj(vec![(String::new(), Value::Num(0))]))),
            (nested(127), parse(&nested(127))),
        ];
        for (text, value) in &good {
            assert!(serde_accepts(text), "serde_json refuses {text:?}");
            assert!(value.is_some(), "{text:?}");
            assert_eq!(&parse(text), value, "{text:?}");
        }
        // Of a key written twice the last counts, as in serde_json.
        let twice = parse(r#"{"a":1,"b":null,"a":2}"#).unwrap();
        assert_eq!(twice.get("a"), Some(&Value::Num(2)));
        assert_eq!(twice.get("b"), None);
    }

    /// serde_json refuses a number whose float is infinite, as its own multiplication rounds
    /// it: the reader does the same multiplication, so they agree to the last digit.
    #[test]
    fn refuses_the_numbers_serde_json_finds_out_of_range() {
        let mut texts = Vec::new();
        for tail in 0..100 {
            texts.push(format!("1.79769313486231{tail:02}e308"));
            texts.push(format!("17976931348623157{tail:02}e290"));
            texts.push(format!("-1797693134862315{tail:02}.5e293"));
            texts.push(format!("0.0017976931348623158{tail:02}e311"));
            texts.push(format!("[1844674407370955161{tail:02}.9e287]"));
        }
        let mut refused = 0;
        for text in &texts {
            assert_eq!(parse(text).is_some(), serde_accepts(text), "{text}");
            refused += usize::from(!serde_accepts(text));
        }
        // Both sides of the edge were tried.
        assert!(refused > 0 && refused < texts.len(), "{refused}");

        // For each power of ten, the smallest significand serde_json refuses (it refuses all
        // larger ones too) is where the reader starts refusing.
        for power in 280..=312 {
            let text = |significand: u64| format!("{significand}e{power}");
            let (mut accepted, mut refused) = (0, u64::MAX);
            if serde_accepts(&text(refused)) {
                assert!(parse(&text(refused)).is_some(), "{}", text(refused));
                continue;
            }
            while refused - accepted > 1 {
                let middle = accepted + (refused - accepted) / 2;
                *if serde_accepts(&text(middle)) { &mut accepted } else { &mut refused } = middle;
            }
            assert_eq!(parse(&text(refused)), None, "{}", text(refused));
            assert!(parse(&text(accepted)).is_some(), "{}", text(accepted));
        }
    }
}
