//! Editors' conveniences: `press new` (an article skeleton) and the Budapest clock it stamps.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

/// `t` in Budapest time, to the second.
pub fn budapest(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    let t = t.with_timezone(&model::date::budapest_offset(t));
    t - chrono::TimeDelta::nanoseconds(t.timestamp_subsec_nanos().into())
}

/// What `press new` needs.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub title: String,
    pub section: String,
    pub author: String,
    pub now: DateTime<Utc>,
}

/// Writes `articles/<section>/<slug>.md` under `content_dir`: a draft with the title, section,
/// author, the time in Budapest and an `id`, and returns its path. Refuses an empty slug, an
/// unknown section or author, and an existing file.
pub fn new_article(content_dir: &Path, a: &NewArticle) -> Result<PathBuf, String> {
    let slug = model::slug::slugify(&a.title);
    if slug.is_empty() {
        return Err(format!("the title `{}` has no letters or digits to make a slug from", a.title));
    }
    let (sections, authors) = crate::source::sections_and_authors(content_dir).map_err(|diags| {
        diags.iter().filter(|d| d.is_error()).map(ToString::to_string).collect::<Vec<_>>().join("\n")
    })?;
    if !sections.contains(&a.section) {
        return Err(format!("unknown section `{}` (site.toml has: {})", a.section, sections.join(", ")));
    }
    if !authors.contains(&a.author) {
        return Err(format!("unknown author `{}` (no authors/{}.toml)", a.author, a.author));
    }
    let dir = content_dir.join("articles").join(&a.section);
    let file = dir.join(format!("{slug}.md"));
    if file.exists() {
        return Err(format!("{} already exists", file.display()));
    }
    let now = budapest(a.now);
    let id = format!("{}-{slug}", now.format("%Y%m%d%H%M%S"));
    let text = format!(
        "+++\ntitle = {title}\nlead = \"\"\nsection = \"{section}\"\ntags = []\nauthor = \"{author}\"\n\
         published = {published}\n# Keeps the article's old URLs working if its file is renamed (urls.toml).\n\
         id = \"{id}\"\n# Delete this line to publish.\ndraft = true\n\
         # [cover]\n# src = \"/public/images/….jpg\"\n# alt = \"\"\n# credit = \"Fotó: \"\n+++\n\n",
        title = toml::Value::String(a.title.trim().to_owned()),
        section = a.section,
        author = a.author,
        published = now.to_rfc3339(),
    );
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn budapest_switches_on_the_last_sundays_of_march_and_october() {
        // 2025: 30 March and 26 October.
        assert_eq!(budapest(utc("2025-03-30T00:59:59Z")).to_rfc3339(), "2025-03-30T01:59:59+01:00");
        assert_eq!(budapest(utc("2025-03-30T01:00:00Z")).to_rfc3339(), "2025-03-30T03:00:00+02:00");
        assert_eq!(budapest(utc("2025-10-26T00:59:59Z")).to_rfc3339(), "2025-10-26T02:59:59+02:00");
        assert_eq!(budapest(utc("2025-10-26T01:00:00Z")).to_rfc3339(), "2025-10-26T02:00:00+01:00");
        assert_eq!(budapest(utc("2024-01-15T12:00:00.75Z")).to_rfc3339(), "2024-01-15T13:00:00+01:00");
        assert_eq!(budapest(utc("2024-07-15T12:00:00Z")).to_rfc3339(), "2024-07-15T14:00:00+02:00");
    }
}
