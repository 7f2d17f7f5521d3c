//! Writing secrets to files (`read -o`, `inject -o`): atomically (a temp file in the same folder,
//! renamed over the target) and with the requested mode from the first byte, so a reader never
//! sees a half-written file or a moment where the secret is readable by others.

use std::io::Write;
use std::path::Path;

use crate::exit::{CliError, CliResult, invalid};

/// Parses `--file-mode` (octal, e.g. `0600` or `600`).
pub fn parse_mode(text: &str) -> Result<u32, String> {
    u32::from_str_radix(text.trim_start_matches("0o"), 8)
        .ok()
        .filter(|m| *m <= 0o777)
        .ok_or_else(|| format!("{text:?} is not an octal file mode such as 0600 or 0640"))
}

/// Writes `bytes` to `path` with `mode`, replacing any existing file.
pub fn write_secret_file(path: &Path, bytes: &[u8], mode: u32) -> CliResult {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(invalid(format!("{} is a directory", path.display())));
    }
    let doing = || format!("could not write {}", path.display());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".opkit-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode; // Windows has no mode bits: the file inherits the folder's ACL.
    let mut file = builder
        .tempfile_in(dir)
        .map_err(|e| CliError::io(doing(), &e))?;
    // The umask may have taken bits away from the requested mode; set it exactly.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| CliError::io(doing(), &e))?;
    }
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| CliError::io(doing(), &e))?;
    file.persist(path)
        .map_err(|e| CliError::io(doing(), &e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn modes() {
        assert_eq!(parse_mode("0600").unwrap(), 0o600);
        assert_eq!(parse_mode("640").unwrap(), 0o640);
        assert_eq!(parse_mode("0o755").unwrap(), 0o755);
        for bad in ["", "0800", "rw", "01777"] {
            assert!(parse_mode(bad).is_err(), "{bad}");
        }
    }
}
