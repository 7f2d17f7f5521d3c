//! The demo's groups, vault permissions and Environments.

use op_core::wire::{GroupAccess, permissions as p};
use op_sdk::{Accessor, Admin, Client, ENVIRONMENT_READ};

use super::Show;
use crate::exit::{CliError, CliResult};

pub(super) async fn tour(
    show: &mut Show,
    admin: &Admin,
    app: &Client,
    app_id: &str,
    vault_id: &str,
) -> CliResult {
    show.step(
        "Admin::create_group + add_group_member",
        "Groups hold people and service accounts; access through a group counts like direct access.",
    )?;
    let group = admin.create_group("Reporting", "read-only consumers")?;
    let (reporter_id, token) = admin.create_service_account("reporting", &[])?;
    admin.add_group_member(&group.id, &reporter_id)?;
    show.out(format!(
        "group Reporting: {} (built-in: Administrators, Owners, Team Members)",
        group.id
    ))?;
    show.out(format!(
        "service account reporting ({reporter_id}) joined it"
    ))?;
    let reporter = Client::authenticate(token.expose_secret(), "opkit demo", "1").await?;

    show.step(
        "client.vaults.grant_group_permissions(vault, [GroupAccess])",
        "A permission needs its dependencies (docs/permissions.md): delete_items alone is refused.",
    )?;
    let alone = admin.grant_group_permissions(
        vault_id,
        &[GroupAccess {
            group_id: group.id.clone(),
            permissions: p::READ_ITEMS | p::DELETE_ITEMS,
        }],
    );
    match alone {
        Err(error) => show.refused(&error)?,
        Ok(()) => show.out("!! granted delete_items without its dependencies")?,
    }
    admin.grant_group_permissions(
        vault_id,
        &[GroupAccess {
            group_id: group.id.clone(),
            permissions: p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD,
        }],
    )?;
    let secret = reporter.resolve("op://Demo/Database/password").await?;
    show.out(format!(
        "granted read; reporting resolves op://Demo/Database/password -> {}",
        secret.expose_secret()
    ))?;

    show.step(
        "client.vaults.revoke_group_permissions(vault, group)",
        "Revoking re-keys the vault: the group's members cannot decrypt anything written afterwards.",
    )?;
    admin.revoke_group_permissions(vault_id, &group.id)?;
    match reporter.resolve("op://Demo/Database/password").await {
        Err(error) => show.refused(&error)?,
        Ok(_) => show.out("!! a revoked group still reads the vault")?,
    }

    show.step(
        "Admin::create_environment + set_variable + grant_environment",
        "An Environment: named variables with their own key, granted to the app with read access.",
    )?;
    let env = admin.create_environment("production")?;
    admin.set_variable(
        &env.id,
        "DATABASE_URL",
        "postgres://demo@db:5432/app",
        false,
    )?;
    admin.set_variable(&env.id, "STRIPE_KEY", "sk_test_demo_0000", true)?;
    admin.grant_environment(
        &env.id,
        &Accessor::Principal(app_id.to_owned()),
        ENVIRONMENT_READ,
    )?;
    show.out(format!("Environment production: {}", env.id))?;

    show.step(
        "client.environments.get_variables(environment_id)",
        "What the app reads at start-up (and what `opkit run --environment` injects).",
    )?;
    let vars = app
        .get_variables(env.id.clone())
        .await
        .map_err(CliError::Sdk)?;
    for v in &vars.variables {
        let shown = if v.masked {
            "******** (masked)".to_owned()
        } else {
            v.value.expose_secret().to_owned()
        };
        show.out(format!("{} = {shown}", v.name))?;
    }
    match reporter.get_variables(env.id.clone()).await {
        Err(error) => show.refused(&error)?,
        Ok(_) => show.out("!! an ungranted service account read the Environment")?,
    }
    Ok(())
}
