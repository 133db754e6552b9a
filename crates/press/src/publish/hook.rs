//! The deploy hook: a shell command (`sh -c`) run after the site is written, with
//!
//! - `PRESS_CHANGED`: a file listing the files to upload, one path relative to `<dist>` a line;
//! - `PRESS_REMOVED`: a file listing the files to delete, likewise;
//! - `PRESS_DIST`: the absolute path of `<dist>`.
//!
//! Files rather than standard input, because most upload tools take a list file
//! (`rsync --files-from`, `rclone copy --files-from`, `rclone delete --files-from`) and a
//! command often needs both lists. Its output goes where press's goes; a non-zero exit fails
//! the run, and the lists stay for the next one.

use std::path::Path;
use std::process::{Command, Stdio};

use super::lists::{self, Lists};

/// Runs `command` with the lists of `dist` (written there first).
pub(super) fn deploy(command: &str, dist: &Path, l: &Lists) -> Result<(), String> {
    lists::write(dist, l).map_err(|e| format!("cannot write the change lists: {e}"))?;
    let (changed, removed) = lists::files(dist);
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let status = Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("PRESS_CHANGED", absolute(&changed))
        .env("PRESS_REMOVED", absolute(&removed))
        .env("PRESS_DIST", absolute(dist))
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run the deploy command with sh: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the deploy command failed ({status})"))
    }
}
