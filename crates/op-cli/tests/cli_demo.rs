#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `opkit demo` runs end to end and narrates every operation.

mod common;

use common::Env;

#[test]
fn the_demo_walks_through_every_operation_and_cleans_up() {
    let env = Env::new();
    let run = env.run(&["demo"]).ok();
    for call in [
        "Admin::create_account",
        "Client::authenticate",
        "client.vaults.list()",
        "client.vaults.create",
        "client.vaults.get",
        "client.vaults.update",
        "client.vaults.delete",
        "client.items.create(",
        "client.items.create_all",
        "client.items.get(",
        "client.items.get_all",
        "client.items.put",
        "client.items.list",
        "client.items.archive",
        "client.items.delete(",
        "client.items.delete_all",
        "client.secrets.resolve(",
        "client.secrets.resolve_all",
        "Secrets.generate_password",
        "Secrets.validate_secret_reference",
    ] {
        assert!(run.stdout.contains(call), "{call} missing:\n{}", run.stdout);
    }
    assert!(
        !run.stdout.contains("!!"),
        "an expected refusal did not happen:\n{}",
        run.stdout
    );
    for expected in [
        "refused as expected: ItemApi",
        "refused as expected: ResolvingSecretReference",
        "refused as expected: ParsingSecretReference",
        "refused as expected: InvalidConfiguration",
        "incompatibleTOTPQueryParameterField",
        "INSECURE",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected} missing:\n{}",
            run.stdout
        );
    }
    let path = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Done. The vault file was "))
        .and_then(|rest| rest.split(';').next())
        .unwrap();
    assert!(path.ends_with("demo.opkit"));
    let dir = std::path::Path::new(path).parent().unwrap();
    assert!(!dir.exists(), "{} was not removed", dir.display());
    assert!(
        !env.db.exists() && !env.config.exists(),
        "the demo touches no configured file"
    );
}
