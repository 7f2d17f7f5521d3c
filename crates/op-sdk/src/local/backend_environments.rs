//! The Environment calls of `LocalBackend`: each reads the actor, asks op-service whether the
//! action is allowed on the Environment as a whole, then reads or writes its records.

use op_core::wire::GroupState;
use op_service::{EnvironmentAccess, EnvironmentAction};
use op_store::{AccessorType, EnvironmentAccessRecord, EnvironmentRecord, GroupRecord};

use super::backend::LocalBackend;
use super::service_error;
use super::{now_micros, store_error};
use crate::backend::{Backend, EnvironmentDetail, ManagedEnvironment};
use crate::error::{Error, Result};

/// `access` with the sealed group keys among `memberships` that open its grants.
fn environment_detail(
    access: EnvironmentAccess,
    memberships: &[(GroupRecord, Vec<u8>)],
) -> EnvironmentDetail {
    let group_keys = memberships
        .iter()
        .filter(|(group, _)| access.grants.iter().any(|g| g.accessor_id == group.id))
        .map(|(group, sealed)| (group.id.clone(), sealed.clone()))
        .collect();
    EnvironmentDetail {
        record: access.record,
        grants: access.grants,
        group_keys,
        permissions: access.permissions,
    }
}

impl LocalBackend {
    pub(super) fn read_environment(
        &self,
        environment_id: &str,
        action: EnvironmentAction,
    ) -> Result<EnvironmentDetail> {
        let actor = self.who()?;
        let access = self
            .service
            .environment_access(&actor, environment_id)
            .map_err(service_error)?;
        self.service
            .authorize_environment(&actor, &access, action)
            .map_err(service_error)?;
        let memberships = self
            .store()
            .group_memberships(&self.principal_id)
            .map_err(store_error)?;
        Ok(environment_detail(access, &memberships))
    }

    pub(super) fn list_environments(&self) -> Result<Vec<EnvironmentDetail>> {
        let actor = self.who()?;
        let ids = self
            .service
            .environments_of(&actor)
            .map_err(service_error)?;
        let memberships = self
            .store()
            .group_memberships(&self.principal_id)
            .map_err(store_error)?;
        ids.iter()
            .map(|id| {
                let access = self
                    .service
                    .environment_access(&actor, id)
                    .map_err(service_error)?;
                Ok(environment_detail(access, &memberships))
            })
            .collect()
    }

    pub(super) fn store_new_environment(
        &self,
        record: &EnvironmentRecord,
        grants: &[EnvironmentAccessRecord],
    ) -> Result<()> {
        let actor = self
            .service
            .owner(&self.principal_id)
            .map_err(service_error)?;
        self.check_new_environment(&actor, record, grants)?;
        self.store()
            .create_environment(record, grants)
            .map_err(store_error)
    }

    pub(super) fn environment_for_re_key(
        &self,
        environment_id: &str,
        action: EnvironmentAction,
    ) -> Result<ManagedEnvironment> {
        let detail = self.environment(environment_id, action)?;
        let grants = self
            .store()
            .environment_access(environment_id)
            .map_err(store_error)?;
        let public_keys = grants
            .iter()
            .map(|g| {
                let key = self.public_key(g.accessor_type, &g.accessor_id)?;
                Ok((g.accessor_type, g.accessor_id.clone(), key))
            })
            .collect::<Result<_>>()?;
        Ok(ManagedEnvironment {
            detail,
            grants,
            public_keys,
        })
    }

    pub(super) fn accessor_public_key(
        &self,
        accessor_type: AccessorType,
        id: &str,
    ) -> Result<Vec<u8>> {
        self.who()?;
        let key = match accessor_type {
            AccessorType::User => self
                .store()
                .principal(id)
                .map_err(store_error)?
                .map(|p| p.public_key),
            AccessorType::Group => self
                .store()
                .group(id)
                .map_err(store_error)?
                .filter(|g| g.state == GroupState::Active.as_str())
                .map(|g| g.public_key),
        };
        key.ok_or_else(|| {
            Error::InvalidConfiguration(vec![format!(
                "no principal or group {id:?} in this account"
            )])
        })
    }

    pub(super) fn replace_environment_content(
        &self,
        environment_id: &str,
        content: &[u8],
        expected_version: u32,
    ) -> Result<()> {
        let actor = self.who()?;
        let access = self
            .service
            .environment_access(&actor, environment_id)
            .map_err(service_error)?;
        self.service
            .authorize_environment(&actor, &access, EnvironmentAction::SetVariables)
            .map_err(service_error)?;
        // Everything but the content and its version is the stored record's: a client cannot
        // rewrite who created the Environment or when.
        let record = EnvironmentRecord {
            content: content.to_vec(),
            version: expected_version.saturating_add(1),
            updated_at: now_micros(),
            ..access.record
        };
        self.store()
            .update_environment(&record, expected_version)
            .map_err(store_error)
    }
}
