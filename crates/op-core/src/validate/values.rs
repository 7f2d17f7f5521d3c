//! Checks of one field's value by field type.

use time::macros::format_description;

use crate::id::is_valid_id;
use crate::ssh::{SshKeyError, SshPrivateKey};
use crate::totp;

use super::problem::Rule;

/// A value that breaks its type's rule, with the message to show.
pub(crate) struct Invalid {
    pub(crate) rule: Rule,
    pub(crate) message: String,
}

fn invalid(rule: Rule, message: impl Into<String>) -> Invalid {
    Invalid {
        rule,
        message: message.into(),
    }
}

/// `YYYY-MM-DD`, a date that exists (no 2023-02-29).
pub(crate) fn check_date(value: &str) -> Result<(), Invalid> {
    let format = format_description!("[year repr:full]-[month]-[day]");
    let shaped = value.len() == 10 && value.as_bytes().get(4) == Some(&b'-');
    match time::Date::parse(value, &format) {
        Ok(_) if shaped => Ok(()),
        _ => Err(invalid(
            Rule::InvalidDate,
            "a Date value must be a real calendar date written YYYY-MM-DD, e.g. 2024-02-29",
        )),
    }
}

/// `MM/YYYY` with month 01-12.
pub(crate) fn check_month_year(value: &str) -> Result<(), Invalid> {
    let bytes = value.as_bytes();
    let ok = bytes.len() == 7
        && bytes.get(2) == Some(&b'/')
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 2 || b.is_ascii_digit())
        && matches!(
            value.get(..2).and_then(|m| m.parse::<u8>().ok()),
            Some(1..=12)
        );
    if ok {
        Ok(())
    } else {
        Err(invalid(
            Rule::InvalidMonthYear,
            "a MonthYear value must be written MM/YYYY with a month from 01 to 12, e.g. 03/2027",
        ))
    }
}

/// The shape of an item id; existence is the store's business.
pub(crate) fn check_reference(value: &str) -> Result<(), Invalid> {
    if is_valid_id(value) {
        Ok(())
    } else {
        Err(invalid(
            Rule::InvalidReference,
            "a Reference value must be the 26-character id of another item in the same vault",
        ))
    }
}

/// An `otpauth://` URI or a base32 seed.
pub(crate) fn check_totp(value: &str) -> Result<(), Invalid> {
    totp::parse_field_value(value).map(|_| ()).map_err(|e| {
        invalid(
            Rule::InvalidTotp,
            format!("a Totp value must be an otpauth:// URI or a base32 secret: {e}"),
        )
    })
}

/// An unencrypted private key.
pub(crate) fn parse_ssh_key(value: &str) -> Result<SshPrivateKey, Invalid> {
    SshPrivateKey::parse(value).map_err(|e| match e {
        SshKeyError::Encrypted => invalid(Rule::EncryptedSshKey, e.to_string()),
        other => invalid(Rule::InvalidSshKey, other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(check_date("2024-02-29").is_ok());
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024/01/01",
            "2024-01-01T00:00:00Z",
            "",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn month_year_shape() {
        assert!(check_month_year("01/2030").is_ok());
        assert!(check_month_year("12/1999").is_ok());
        for bad in [
            "00/2030", "13/2030", "1/2030", "01/30", "01-2030", "ab/2030", "01/20x0",
        ] {
            assert!(check_month_year(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn references_are_ids() {
        assert!(check_reference("vhn2qfnmizg6rw4iqottczq3fy").is_ok());
        assert!(check_reference("My Login").is_err());
    }
}
