//! A tour of op-core: what `cargo xtask demo` shows. Nothing here touches the disk or the network.

use std::time::{SystemTime, UNIX_EPOCH};

use op_core::generator::{generate, recipe_entropy_bits};
use op_core::id::new_id;
use op_core::reference::SecretReference;
use op_core::reference::matching::{Resolved, resolve_in_item};
use op_core::ssh::SshPrivateKey;
use op_core::totp::parse_field_value;
use op_core::validate::{NoLookup, fill_read_details, validate_create};
use op_core::wire::{Item, ItemCreateParams, PasswordRecipe, Timestamp};
use serde_json::json;

const SSH_KEY: &str = include_str!("../../../tests/vectors/ssh/id_ed25519");
const OTPAUTH: &str =
    "otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();

    heading("1. Ids: 128 random bits as 26 lowercase base32 characters");
    for _ in 0..3 {
        println!("   {}", new_id()?);
    }

    heading("2. Passwords from the official recipes, with their exact entropy");
    for recipe in [
        json!({"type": "Random", "parameters": {"length": 20, "includeDigits": true, "includeSymbols": true}}),
        json!({"type": "Memorable", "parameters": {"wordCount": 4, "separatorType": "hyphens", "capitalize": true, "wordListType": "fullWords"}}),
        json!({"type": "Memorable", "parameters": {"wordCount": 5, "separatorType": "digits", "capitalize": false, "wordListType": "syllables"}}),
        json!({"type": "Pin", "parameters": {"length": 6}}),
    ] {
        let recipe: PasswordRecipe = serde_json::from_value(recipe)?;
        let password = generate(&recipe)?;
        // A demo prints generated passwords on purpose; real code keeps them in SecretString.
        let shape = serde_json::to_string(&recipe)?;
        println!(
            "   {:<34} {:>6.1} bits  {shape}",
            password.expose_secret(),
            recipe_entropy_bits(&recipe)?
        );
    }
    let bad: PasswordRecipe = serde_json::from_value(
        json!({"type": "Random", "parameters": {"length": 4, "includeDigits": true, "includeSymbols": false}}),
    )?;
    println!(
        "   Random of length 4 -> {}",
        generate(&bad)
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string())
    );

    heading("3. One-time codes from an otpauth:// URI");
    let otp = parse_field_value(OTPAUTH)?;
    println!(
        "   issuer {:?}, account {:?}",
        otp.issuer().unwrap_or(""),
        otp.account()
    );
    println!(
        "   code now: {} ({} s left)",
        otp.code_at(now),
        otp.seconds_remaining(now).unwrap_or(0)
    );

    heading("4. SSH keys: public key, fingerprint, type");
    let key = SshPrivateKey::parse(SSH_KEY)?;
    println!(
        "   {}\n   {} ({})",
        key.public_key_openssh(),
        key.fingerprint(),
        key.key_type()
    );

    heading("5. Secret references: the official grammar, with clear errors");
    for text in [
        "op://Private/GitHub/password",
        "op://dev/db/conn/url",
        "op://Private/GitHub",
        "op://Private/GitHub/pass word?attribute=value",
        "op://vault/item/f@x",
    ] {
        match SecretReference::parse(text) {
            Ok(r) => println!(
                "   {:<11} {text:<46} vault={:?} item={:?} section={:?} field={:?}",
                "ok", r.vault, r.item, r.section, r.field
            ),
            Err(e) => println!("   {:<11} {text:<46} {e}", e.kind().name()),
        }
    }

    heading("6. Item validation: every problem at once, with field and rule");
    let params: ItemCreateParams = serde_json::from_value(json!({
        "category": "Login", "vaultId": new_id()?, "title": "GitHub",
        "fields": [
            {"id": "username", "title": "username", "fieldType": "Text", "value": "alice"},
            {"id": "password", "title": "password", "fieldType": "Concealed", "value": "hunter2"},
            {"id": "expires", "title": "expires", "fieldType": "Date", "value": "2023-02-29"},
            {"id": "card", "title": "card expiry", "fieldType": "MonthYear", "value": "13/2030"},
            {"id": "key", "title": "deploy key", "fieldType": "SshKey", "value": SSH_KEY}
        ]
    }))?;
    if let Err(e) = validate_create(&params, &NoLookup) {
        for p in &e.problems {
            println!(
                "   {:<18} {:<26} {}",
                p.field_id.as_deref().unwrap_or(p.member),
                p.rule.name(),
                p.message
            );
        }
    }

    heading("7. Resolving a reference inside an item (what the SDK does after decrypting it)");
    let stamp = Timestamp::from_unix_micros(i64::try_from(now)? * 1_000_000).ok_or("bad clock")?;
    let mut item: Item = serde_json::from_value(json!({
        "id": new_id()?, "title": "GitHub", "category": "Login", "vaultId": new_id()?,
        "fields": [
            {"id": "password", "title": "password", "fieldType": "Concealed", "value": "hunter2"},
            {"id": "otp", "title": "one-time password", "sectionId": "", "fieldType": "Totp", "value": OTPAUTH}
        ],
        "sections": [{"id": "", "title": ""}], "notes": "", "tags": [], "websites": [], "version": 1, "files": [],
        "createdAt": stamp, "updatedAt": stamp
    }))?;
    for text in [
        "op://Private/GitHub/one-time password?attribute=otp",
        "op://Private/GitHub/password?attribute=totp",
    ] {
        let reference = SecretReference::parse(text)?;
        match resolve_in_item(&item, &reference, now) {
            Ok(Resolved::Secret(s)) => {
                println!("   {text} -> {} characters (value withheld)", s.len())
            }
            Ok(Resolved::File(f)) => println!("   {text} -> file {}", f.name),
            Err(e) => println!("   {text} -> {}: {e}", e.name()),
        }
    }
    fill_read_details(&mut item, now);
    let json = serde_json::to_value(&item)?;
    println!("   TOTP details on read: {}", json["fields"][1]["details"]);
    println!("\nDone. The encrypted local vault and the SDK client come next (see README).");
    Ok(())
}

fn heading(text: &str) {
    println!("\n{text}");
}
