//! What site.toml says of publishing: the CMS to pull from (`[pull]`'s `cms` and `url`, read
//! by crates/cms, docs/CMS.md) and the deploy command (`[publish] deploy`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Whether a run pulls first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PullConfig {
    /// No pull (`--no-pull`, or press built without `pull`).
    Off,
    /// The pull site.toml's `[pull]` table names, if it names one (read at every run, so an
    /// edit of site.toml takes effect at the next one).
    FromSiteToml { content: PathBuf, public: PathBuf, quiet: bool },
}

/// Runs the configured pull: `None` when there is none, else its summary or why it failed.
pub(super) fn pull(config: &PullConfig) -> Option<Result<String, String>> {
    match config {
        PullConfig::Off => None,
        PullConfig::FromSiteToml { content, public, quiet } => pull_from(content, public, *quiet),
    }
}

#[cfg(feature = "pull")]
fn pull_from(content: &Path, public: &Path, quiet: bool) -> Option<Result<String, String>> {
    let args = match cms::configured(content, public, quiet) {
        Ok(Some(args)) => args,
        Ok(None) => return None,
        Err(e) => return Some(Err(e)),
    };
    Some(cms::pull_with(&args).map(|r| {
        format!(
            "{} fetched, {} written, {} removed, {} media{}",
            r.fetched,
            r.written,
            r.removed,
            r.media_downloaded,
            match r.warnings.len() {
                0 => String::new(),
                n => format!(", {n} warnings"),
            }
        )
    }))
}

#[cfg(not(feature = "pull"))]
fn pull_from(_: &Path, _: &Path, _: bool) -> Option<Result<String, String>> {
    None
}

#[derive(Deserialize)]
struct SiteToml {
    #[serde(default)]
    publish: PublishToml,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PublishToml {
    deploy: Option<String>,
}

/// `[publish] deploy` of `<content>/site.toml`, if set; an unreadable site.toml or a wrong
/// `[publish]` table is an error naming the file.
pub fn deploy_command(content: &Path) -> Result<Option<String>, String> {
    let file = content.join("site.toml");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let site: SiteToml = toml::from_str(&text).map_err(|e| format!("{}: {}", file.display(), e.message()))?;
    Ok(site.publish.deploy.filter(|d| !d.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deploy_command_comes_from_the_publish_table() {
        let dir = tempfile::tempdir().unwrap();
        let write = |text: &str| std::fs::write(dir.path().join("site.toml"), text).unwrap();
        write("name = \"x\"\n[publish]\ndeploy = \"rsync -a dist/ host:/srv/\"\n");
        assert_eq!(deploy_command(dir.path()).unwrap().as_deref(), Some("rsync -a dist/ host:/srv/"));
        write("name = \"x\"\n");
        assert_eq!(deploy_command(dir.path()).unwrap(), None);
        write("[publish]\ndeploi = \"x\"\n");
        assert!(deploy_command(dir.path()).unwrap_err().contains("site.toml"));
    }
}
