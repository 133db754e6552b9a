//! Old URLs into site paths (`cms::links`), which become `aliases` and then the host's
//! `_redirects` rules (`from  to  301`, one a line, fields split at whitespace) and `press
//! serve`'s redirects. Never a panic; a path `same_site_path` hands out is one press accepts
//! as an alias, so it reads back from `_redirects` as the one rule it was written as.

/// The input is `base` and `url`, split at the first newline (both trimmed by the readers).
pub fn old_url(data: &[u8]) {
    let text = crate::input::text(data);
    let (base, url) = text.split_once('\n').unwrap_or(("https://regi.example/", &text));
    let _ = cms::links::resolve(base, url);
    let _ = cms::links::link_key(url);
    if let Some(path) = cms::links::same_site_path(url, base) {
        assert!(model::url::is_alias(&path), "same_site_path({url:?}, {base:?}) = {path:?}, which press refuses");
        let rule = format!("{path}  /belfold/2024/05/01/cikk  301");
        let fields: Vec<&str> = rule.split_whitespace().collect();
        assert_eq!(fields.first(), Some(&path.as_str()), "the rule {rule:?} does not read back");
        assert_eq!(fields.len(), 3, "the rule {rule:?} does not read back");
    }
}
