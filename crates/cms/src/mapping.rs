//! How CMS categories become hirlap sections: site.toml's sections and its `[pull]` table.
//!
//! ```toml
//! [pull]
//! sections = { "hazai-hirek" = "belfold", "Nagyvilág" = "kulfold" }  # CMS category (slug or name) → section slug
//! default_section = "belfold"        # optional: posts with no mapped category go here (unset: the pull fails and lists them)
//! drupal_section_field = "field_rovat"   # the Drupal relationship holding the section term (default field_section)
//! media_dir = "cms"                  # downloaded images go to public/<media_dir>/ (default cms)
//! cms = "wordpress"                  # with `url`: the site `press publish` pulls from (wordpress or drupal)
//! url = "https://magazin.example"
//! ```
//!
//! Without an entry, a category maps to the section whose slug equals the category's slug (or
//! its folded name, or the section's folded name). Nothing is guessed beyond that: the pull
//! lists every category it could not place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use model::slug::slugify;
use serde::Deserialize;

use crate::source::Term;

/// Which API the site speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// WordPress REST API (`/wp-json/wp/v2/posts`).
    Wordpress,
    /// Drupal core JSON:API (`/jsonapi/node/article`).
    Drupal,
}

#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// The site's name (site.toml's `name`): the byline of posts whose author the CMS does not show.
    pub site_name: String,
    /// Section and sub-section slugs of site.toml, with their folded names.
    sections: Vec<(String, String)>,
    explicit: BTreeMap<String, String>,
    pub default_section: Option<String>,
    pub drupal_section_field: String,
    pub media_dir: String,
    /// The CMS `press publish` pulls from (`cms` and `url`), when both are set.
    pub source: Option<(Kind, String)>,
}

#[derive(Deserialize)]
struct SiteToml {
    #[serde(default)]
    name: String,
    #[serde(default)]
    sections: Vec<SectionToml>,
    #[serde(default)]
    pull: PullToml,
}

#[derive(Deserialize)]
struct SectionToml {
    slug: String,
    name: String,
    #[serde(default)]
    children: Vec<SectionToml>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PullToml {
    #[serde(default)]
    sections: BTreeMap<String, String>,
    default_section: Option<String>,
    drupal_section_field: Option<String>,
    media_dir: Option<String>,
    cms: Option<Kind>,
    url: Option<String>,
}

impl Mapping {
    /// Reads `site.toml`; errors name the file.
    pub fn load(site_toml: &Path) -> Result<Mapping, String> {
        let text = std::fs::read_to_string(site_toml).map_err(|e| format!("{}: {e}", site_toml.display()))?;
        let site: SiteToml = toml::from_str(&text).map_err(|e| format!("{}: {}", site_toml.display(), e.message()))?;
        let mut sections = Vec::new();
        fn walk(list: &[SectionToml], out: &mut Vec<(String, String)>) {
            for s in list {
                out.push((s.slug.clone(), slugify(&s.name)));
                walk(&s.children, out);
            }
        }
        walk(&site.sections, &mut sections);
        let known: BTreeSet<&str> = sections.iter().map(|(s, _)| s.as_str()).collect();
        let p = site.pull;
        for (category, section) in
            p.sections.iter().map(|(c, s)| (Some(c), s)).chain(p.default_section.iter().map(|s| (None, s)))
        {
            if !known.contains(section.as_str()) {
                let key = category.map(|c| format!("sections.\"{c}\"")).unwrap_or_else(|| "default_section".into());
                return Err(format!(
                    "{}: [pull] {key} = \"{section}\" is not a section of site.toml",
                    site_toml.display()
                ));
            }
        }
        let media_dir = p.media_dir.unwrap_or_else(|| "cms".into());
        if media_dir.is_empty() || media_dir.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
            return Err(format!("{}: [pull] media_dir must be a relative folder name", site_toml.display()));
        }
        let source = match (p.cms, p.url) {
            (Some(kind), Some(url)) => Some((kind, url)),
            (None, None) => None,
            _ => return Err(format!("{}: [pull] needs both `cms` and `url`, or neither", site_toml.display())),
        };
        Ok(Mapping {
            site_name: site.name.trim().to_owned(),
            sections,
            explicit: p.sections.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect(),
            default_section: p.default_section,
            drupal_section_field: p.drupal_section_field.unwrap_or_else(|| "field_section".into()),
            media_dir,
            source,
        })
    }

    /// The section of one category, if it has one.
    pub fn section_of(&self, term: &Term) -> Option<String> {
        for key in [term.slug.to_lowercase(), term.name.to_lowercase()] {
            if let Some(s) = self.explicit.get(&key) {
                return Some(s.clone());
            }
        }
        let folded = slugify(&term.name);
        self.sections
            .iter()
            .find(|(slug, name)| *slug == term.slug || *slug == folded || (!folded.is_empty() && *name == folded))
            .map(|(slug, _)| slug.clone())
    }

    /// The section of a post: its first category that maps, else the default.
    pub fn section_for(&self, categories: &[Term]) -> Option<String> {
        categories.iter().find_map(|t| self.section_of(t)).or_else(|| self.default_section.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(pull: &str) -> Result<Mapping, String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("site.toml");
        std::fs::write(
            &file,
            format!(
                "name = \"X\"\n[[sections]]\nslug = \"belfold\"\nname = \"Belföld\"\n[[sections]]\nslug = \"tudomany\"\nname = \"Tudomány\"\nchildren = [ {{ slug = \"technika\", name = \"Technika\" }} ]\n{pull}"
            ),
        )
        .unwrap();
        Mapping::load(&file)
    }

    fn term(name: &str, slug: &str) -> Term {
        Term { name: name.into(), slug: slug.into() }
    }

    #[test]
    fn slugs_names_and_explicit_entries_map_nothing_else_does() {
        let m = mapping("[pull]\nsections = { \"Hazai hírek\" = \"belfold\" }\n").unwrap();
        assert_eq!(m.section_of(&term("Belföld", "belfold-2")).as_deref(), Some("belfold"));
        assert_eq!(m.section_of(&term("Technika", "tech")).as_deref(), Some("technika"));
        assert_eq!(m.section_of(&term("Hazai hírek", "hazai-hirek")).as_deref(), Some("belfold"));
        assert_eq!(m.section_of(&term("Egyéb", "egyeb")), None);
        assert_eq!(m.section_for(&[term("Egyéb", "egyeb"), term("Tudomány", "tudomany")]).as_deref(), Some("tudomany"));
    }

    #[test]
    fn a_mapping_to_an_unknown_section_names_it() {
        let e = mapping("[pull]\nsections = { \"x\" = \"nincs\" }\n").unwrap_err();
        assert!(e.contains("sections.\"x\" = \"nincs\" is not a section"), "{e}");
        assert!(mapping("[pull]\nmedia_dir = \"../x\"\n").is_err());
        let m = mapping("[pull]\ncms = \"drupal\"\nurl = \"https://d.example\"\n").unwrap();
        assert_eq!(m.source, Some((Kind::Drupal, "https://d.example".into())));
        assert!(mapping("[pull]\ncms = \"wordpress\"\n").is_err(), "a CMS without its address");
        assert!(mapping("[pull]\ncms = \"joomla\"\nurl = \"https://x\"\n").is_err());
    }
}
