//! The typed `reason` of an error envelope: why a call failed, as a closed set of stable names a
//! program can match on. It travels as an extra key beside the protocol's `name` and `message`
//! (`{"name":"ItemApi","message":"...","reason":"NotFound"}`); wrappers written for the official
//! core ignore unknown keys, so the envelope stays compatible.

use serde::{Deserialize, Serialize};

macro_rules! error_reasons {
    ($( $(#[$m:meta])* $variant:ident, )+) => {
        /// Why a call failed. The PascalCase variant names are the wire spelling and never change;
        /// new reasons may be added, so match with a fallback arm.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum ErrorReason {
            $( $(#[$m])* $variant, )+
        }

        impl ErrorReason {
            /// Every reason.
            pub const ALL: &'static [ErrorReason] = &[ $( ErrorReason::$variant, )+ ];

            /// The wire spelling.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $( ErrorReason::$variant => stringify!($variant), )+
                }
            }
        }
    };
}

error_reasons! {
    /// The vault, item, group, Environment or principal does not exist, or is not visible to the
    /// caller (the two are not told apart, so a caller cannot probe for what it may not see).
    NotFound,
    /// The caller is known but lacks the permission or account right the call needs.
    PermissionDenied,
    /// The record changed since the caller read it (compare-and-swap failed): read again, retry.
    VersionConflict,
    /// A key was rotated while the call ran (someone lost access): nothing was written, retry.
    KeyRotated,
    /// The store stayed locked by another writer past the timeout: retry.
    Busy,
    /// The operation is in the catalogue but not implemented by this version.
    NotImplemented,
    /// The principal (service account or person) was revoked: its tokens no longer work.
    Revoked,
    /// A message, file or batch exceeds a size limit.
    TooLarge,
    /// The input broke a rule (configuration, parameters, reference grammar, recipe, key format).
    Invalid,
    /// A bug, a damaged file or an unexpected state.
    Internal,
}

impl std::fmt::Display for ErrorReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_spellings_are_the_variant_names() {
        for reason in ErrorReason::ALL {
            let json = serde_json::to_string(reason).unwrap();
            assert_eq!(json, format!("\"{}\"", reason.as_str()));
            let back: ErrorReason = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *reason);
        }
        assert_eq!(ErrorReason::ALL.len(), 10);
    }
}
