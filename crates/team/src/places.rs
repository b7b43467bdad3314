//! Where a team's shared folder usually is on a consultant's laptop, to offer it when a team is
//! set up or joined: the OneDrive folders Windows names in its environment (the organisation's
//! "OneDrive - Bureau Noord" first, where SharePoint libraries sync too), then the usual cloud
//! folders in the home folder. Only folders that exist are offered, with "Tenderwacht" inside.

use serde::Serialize;
use std::path::{Path, PathBuf};

/// A folder offered as the team's shared folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FolderSuggestion {
    /// What it is, in the consultant's words ("OneDrive - Bureau Noord").
    pub label: String,
    /// The folder to use: the cloud folder with `Tenderwacht` inside (made when the team is set up).
    pub path: String,
}

/// The environment variables Windows sets for OneDrive, business first.
const ONEDRIVE_VARS: &[&str] = &["OneDriveCommercial", "OneDrive", "OneDriveConsumer"];
/// Cloud folders as their clients make them in the home folder.
const HOME_FOLDERS: &[(&str, &str)] = &[("OneDrive", "OneDrive"), ("Dropbox", "Dropbox"), ("Nextcloud", "Nextcloud"), ("Sync", "Syncthing")];

/// The suggestions on this laptop.
pub fn suggested_folders() -> Vec<FolderSuggestion> {
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    suggestions(&|name| std::env::var_os(name).map(PathBuf::from), home.as_deref())
}

/// The suggestions for an environment and a home folder (apart, so a test can give its own).
pub fn suggestions(env: &dyn Fn(&str) -> Option<PathBuf>, home: Option<&Path>) -> Vec<FolderSuggestion> {
    let mut found: Vec<(String, PathBuf)> = vec![];
    for var in ONEDRIVE_VARS {
        if let Some(dir) = env(var).filter(|d| d.is_dir()) {
            let label = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "OneDrive".into());
            found.push((label, dir));
        }
    }
    if let Some(home) = home {
        let Ok(list) = std::fs::read_dir(home) else { return finish(found) };
        let mut names: Vec<(String, PathBuf)> =
            list.flatten().filter(|e| e.path().is_dir()).map(|e| (e.file_name().to_string_lossy().into_owned(), e.path())).collect();
        names.sort();
        for (prefix, label) in HOME_FOLDERS {
            for (name, path) in &names {
                // "OneDrive", "OneDrive - Bureau Noord"; the others by their exact name.
                let fits = if *prefix == "OneDrive" { name.starts_with("OneDrive") } else { name == prefix };
                if fits {
                    found.push((if *prefix == "OneDrive" { name.clone() } else { (*label).to_string() }, path.clone()));
                }
            }
        }
    }
    finish(found)
}

fn finish(found: Vec<(String, PathBuf)>) -> Vec<FolderSuggestion> {
    let mut out: Vec<FolderSuggestion> = vec![];
    for (label, dir) in found {
        let path = dir.join("Tenderwacht").display().to_string();
        if !out.iter().any(|s| s.path == path) {
            out.push(FolderSuggestion { label, path });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onedrive_of_the_organisation_comes_first_and_only_existing_folders_are_offered() -> std::io::Result<()> {
        let home = tempfile::tempdir()?;
        let business = home.path().join("OneDrive - Bureau Noord");
        for d in [&business, &home.path().join("OneDrive"), &home.path().join("Dropbox")] {
            std::fs::create_dir_all(d)?;
        }
        std::fs::write(home.path().join("Nextcloud"), b"a file, not a folder")?;
        let env = |name: &str| match name {
            "OneDriveCommercial" => Some(business.clone()),
            "OneDriveConsumer" => Some(home.path().join("gone")),
            _ => None,
        };
        let list = suggestions(&env, Some(home.path()));
        let labels: Vec<&str> = list.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["OneDrive - Bureau Noord", "OneDrive", "Dropbox"]);
        assert!(list[0].path.ends_with("Tenderwacht") && list[0].path.contains("OneDrive - Bureau Noord"));
        assert!(suggestions(&|_| None, None).is_empty());
        Ok(())
    }
}
