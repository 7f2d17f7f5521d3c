//! Environments as a client reads and changes them: the key opened through the caller's grants,
//! the content (name and variables) decrypted and encrypted here. `EnvironmentsGetVariables`, and
//! setting and unsetting a variable.

use op_core::wire::{EnvironmentVariable, GetVariablesResponse};
use op_crypto::SymmetricKey;

use super::VaultClient;
use crate::backend::{EnvironmentAction, EnvironmentDetail};
use crate::codec::environments::{Content, decrypt_content, encrypt_content};
use crate::codec::format::environment_key_aad;
use crate::error::{Error, ErrorReason, Result};

/// An Environment opened for one action.
struct Opened {
    detail: EnvironmentDetail,
    key: SymmetricKey,
    content: Content,
}

fn check_variable_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(())
    } else {
        Err(Error::InvalidConfiguration(vec![format!(
            "{name:?} is not a valid variable name: use letters, digits and _, not starting with a digit"
        )]))
    }
}

impl VaultClient {
    /// Environment `id`, opened once the backend allowed `action` on it.
    fn open_environment(&self, id: &str, action: EnvironmentAction) -> Result<Opened> {
        let detail = self.backend.environment(id, action)?;
        let (key, content) = self.open_environment_detail(&detail)?;
        Ok(Opened {
            detail,
            key,
            content,
        })
    }

    /// The key and content of an Environment the backend handed out.
    pub(super) fn open_environment_detail(
        &self,
        detail: &EnvironmentDetail,
    ) -> Result<(SymmetricKey, Content)> {
        let id = detail.record.id.as_str();
        let rows = detail.grants.iter().map(|g| {
            (
                g.accessor_type,
                g.accessor_id.as_str(),
                g.sealed_key.as_slice(),
            )
        });
        // A grant none of whose keys opens for this principal (a group grant without a
        // membership of its own) is as good as no access.
        let key = self
            .keyring
            .open_granted_key(rows, &detail.group_keys, |accessor| {
                environment_key_aad(id, accessor)
            })?
            .ok_or_else(|| {
                Error::ItemApi(
                    ErrorReason::NotFound,
                    format!(
                        "no Environment {id:?} is accessible with these credentials: check the id, or ask an owner to grant access"
                    ),
                )
            })?;
        let content = decrypt_content(&key, &detail.record)?;
        Ok((key, content))
    }

    /// Writes `opened` back with its content changed by `change`, at the next version.
    fn change_environment(
        &self,
        id: &str,
        action: EnvironmentAction,
        change: impl FnOnce(&mut Vec<EnvironmentVariable>) -> Result<()>,
    ) -> Result<()> {
        let mut opened = self.open_environment(id, action)?;
        change(&mut opened.content.variables)?;
        let version = opened.detail.record.version;
        let content = encrypt_content(&opened.key, id, version.saturating_add(1), &opened.content)?;
        self.backend.update_environment(id, &content, version)
    }

    /// `EnvironmentsGetVariables`.
    pub(crate) fn get_variables(&self, id: &str) -> Result<GetVariablesResponse> {
        let opened = self.open_environment(id, EnvironmentAction::ReadVariables)?;
        Ok(GetVariablesResponse {
            variables: opened.content.variables,
        })
    }

    /// Sets (adds or replaces) one variable.
    pub(crate) fn set_variable(&self, id: &str, variable: EnvironmentVariable) -> Result<()> {
        check_variable_name(&variable.name)?;
        self.change_environment(id, EnvironmentAction::SetVariables, |variables| {
            match variables.iter_mut().find(|v| v.name == variable.name) {
                Some(existing) => *existing = variable,
                None => variables.push(variable),
            }
            Ok(())
        })
    }

    /// Removes one variable; fails if there is none by that name.
    pub(crate) fn unset_variable(&self, id: &str, name: &str) -> Result<()> {
        self.change_environment(id, EnvironmentAction::UnsetVariables, |variables| {
            let before = variables.len();
            variables.retain(|v| v.name != name);
            if variables.len() == before {
                return Err(Error::ItemApi(
                    ErrorReason::NotFound,
                    format!("Environment {id} has no variable {name:?}"),
                ));
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::check_variable_name;

    #[test]
    fn variable_names_are_shell_identifiers() {
        for good in ["A", "_x", "DB_URL2"] {
            assert!(check_variable_name(good).is_ok(), "{good}");
        }
        for bad in ["", "2A", "A-B", "A B", "é"] {
            assert!(check_variable_name(bad).is_err(), "{bad}");
        }
    }
}
