//! Case conversions the generators share (wire keys are camelCase or snake_case).

/// `vaultId` / `vault_id` → `vault_id`.
pub fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// `vault_id` / `vaultId` → `vaultId`.
pub fn camel(name: &str) -> String {
    let pascal = pascal(name);
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `vault_id` / `vaultId` → `VaultId`.
pub fn pascal(name: &str) -> String {
    snake(name)
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `READ_ITEMS` / `readItems` → `READ_ITEMS`.
pub fn screaming(name: &str) -> String {
    snake(name).to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_cases() {
        assert_eq!(snake("vaultId"), "vault_id");
        assert_eq!(snake("individualResponses"), "individual_responses");
        assert_eq!(snake("SshKey"), "ssh_key");
        assert_eq!(snake("TOTPCode"), "totp_code");
        assert_eq!(snake("secret_reference"), "secret_reference");
        assert_eq!(camel("secret_reference"), "secretReference");
        assert_eq!(camel("vaultId"), "vaultId");
        assert_eq!(pascal("vault_id"), "VaultId");
        assert_eq!(pascal("itemValidationError"), "ItemValidationError");
        assert_eq!(screaming("readItems"), "READ_ITEMS");
    }
}
