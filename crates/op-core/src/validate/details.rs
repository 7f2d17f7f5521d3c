//! Field details computed when an item is read.

use crate::reference::matching::totp_code;
use crate::wire::{Item, ItemFieldDetails, ItemFieldType, OtpFieldDetails};

/// Sets every TOTP field's `details` to the code at `unix_time`, or to the reason no code could be
/// computed (`errorMessage`), as the official core does on every read.
pub fn fill_read_details(item: &mut Item, unix_time: u64) {
    for field in item
        .fields
        .iter_mut()
        .filter(|f| f.field_type == ItemFieldType::Totp)
    {
        let details = if field.value.is_empty() {
            OtpFieldDetails {
                code: None,
                error_message: Some("the one-time password field has no secret".into()),
            }
        } else {
            match totp_code(field, unix_time) {
                Ok(code) => OtpFieldDetails {
                    code: Some(code.expose_secret().to_owned()),
                    error_message: None,
                },
                Err(e) => OtpFieldDetails {
                    code: None,
                    error_message: Some(e.to_string()),
                },
            }
        };
        field.details = Some(ItemFieldDetails::Otp(details));
    }
}
