//! Flag parsing shared by the `serve` and `synth` commands (`--flag value` or `--flag=value`).

use std::collections::BTreeMap;

/// Parses `args` into flag → value. `valued` flags take a value; `switches` take none (their
/// value is `"true"`). Anything else, a missing or empty value, or a repeated flag is an error.
pub fn flags(args: &[String], valued: &[&str], switches: &[&str]) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        let value = if switches.contains(&flag) {
            if inline.is_some() {
                return Err(format!("{flag} takes no value"));
            }
            "true".to_owned()
        } else if valued.contains(&flag) {
            match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    args.get(i).cloned().ok_or_else(|| format!("{flag} needs a value"))?
                }
            }
        } else {
            return Err(format!("unknown option `{arg}`"));
        };
        if value.is_empty() {
            return Err(format!("{flag} needs a value"));
        }
        if out.insert(flag.to_owned(), value).is_some() {
            return Err(format!("{flag} is given twice"));
        }
        i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn values_switches_and_errors() {
        let f = flags(&args(&["--a", "1", "--b=2", "--s"]), &["--a", "--b"], &["--s"]).unwrap();
        assert_eq!(f.get("--a").map(String::as_str), Some("1"));
        assert_eq!(f.get("--b").map(String::as_str), Some("2"));
        assert_eq!(f.get("--s").map(String::as_str), Some("true"));
        assert_eq!(flags(&args(&["--x"]), &["--a"], &[]).unwrap_err(), "unknown option `--x`");
        assert_eq!(flags(&args(&["--a"]), &["--a"], &[]).unwrap_err(), "--a needs a value");
        assert_eq!(flags(&args(&["--a="]), &["--a"], &[]).unwrap_err(), "--a needs a value");
        assert_eq!(flags(&args(&["--a", "1", "--a", "2"]), &["--a"], &[]).unwrap_err(), "--a is given twice");
    }
}
