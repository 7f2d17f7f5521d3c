//! Enumerations of the protocol (docs/protocol.md §9.6) with their exact wire spellings.

use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;

open_enum! {
    /// The kind of an item. Open: unknown categories round-trip unchanged.
    pub enum ItemCategory {
        /// A website login.
        Login => "Login",
        /// A secure note.
        SecureNote => "SecureNote",
        /// A credit card.
        CreditCard => "CreditCard",
        /// A crypto wallet.
        CryptoWallet => "CryptoWallet",
        /// An identity.
        Identity => "Identity",
        /// A password without a username.
        Password => "Password",
        /// A document (one file).
        Document => "Document",
        /// API credentials.
        ApiCredentials => "ApiCredentials",
        /// A bank account.
        BankAccount => "BankAccount",
        /// A database.
        Database => "Database",
        /// A driver licence.
        DriverLicense => "DriverLicense",
        /// An email account.
        Email => "Email",
        /// A medical record.
        MedicalRecord => "MedicalRecord",
        /// A membership.
        Membership => "Membership",
        /// An outdoor licence.
        OutdoorLicense => "OutdoorLicense",
        /// A passport.
        Passport => "Passport",
        /// A rewards programme.
        Rewards => "Rewards",
        /// A wireless router.
        Router => "Router",
        /// A server.
        Server => "Server",
        /// An SSH key.
        SshKey => "SshKey",
        /// A social security number.
        SocialSecurityNumber => "SocialSecurityNumber",
        /// A software licence.
        SoftwareLicense => "SoftwareLicense",
        /// A person.
        Person => "Person",
        /// A category the SDK cannot represent.
        Unsupported => "Unsupported",
    }
}

open_enum! {
    /// The type of an item field. Open: unknown types round-trip unchanged.
    pub enum ItemFieldType {
        /// Plain text.
        Text => "Text",
        /// A concealed value (password, token).
        Concealed => "Concealed",
        /// A credit card type.
        CreditCardType => "CreditCardType",
        /// A credit card number.
        CreditCardNumber => "CreditCardNumber",
        /// A phone number.
        Phone => "Phone",
        /// A URL.
        Url => "Url",
        /// A one-time password: an `otpauth://` URI or a base32 seed.
        Totp => "Totp",
        /// An email address.
        Email => "Email",
        /// The id of another item in the same vault.
        Reference => "Reference",
        /// An SSH private key.
        SshKey => "SshKey",
        /// A choice from a menu.
        Menu => "Menu",
        /// A month and year, `MM/YYYY`.
        MonthYear => "MonthYear",
        /// A postal address, given through `details`.
        Address => "Address",
        /// A calendar date, `YYYY-MM-DD`.
        Date => "Date",
        /// A field type the SDK cannot represent.
        Unsupported => "Unsupported",
    }
}

open_enum! {
    /// When a website is offered for autofill. Open: unknown values round-trip unchanged.
    pub enum AutofillBehavior {
        /// Anywhere on the website's domain (the default).
        AnywhereOnWebsite => "AnywhereOnWebsite",
        /// Only on the exact host and port.
        ExactDomain => "ExactDomain",
        /// Never.
        Never => "Never",
    }
}

// The variant list comes from a macro, so `#[derive(Default)]` with `#[default]` is not available.
#[allow(clippy::derivable_impls)]
impl Default for AutofillBehavior {
    fn default() -> Self {
        Self::AnywhereOnWebsite
    }
}

impl ItemCategory {
    /// The categories a new item may have: every known one except `Unsupported`.
    pub fn is_creatable(&self) -> bool {
        self.is_known() && *self != Self::Unsupported
    }
}

impl ItemFieldType {
    /// The field types a new field may have: every known one except `Unsupported`.
    pub fn is_creatable(&self) -> bool {
        self.is_known() && *self != Self::Unsupported
    }
}

/// Declares a strict string enum (unknown values are rejected) with exact wire spellings.
macro_rules! strict_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant, )+
        }

        impl $name {
            /// Every value, in the protocol's order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The exact wire spelling.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $( $name::$variant => $wire, )+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

strict_enum! {
    /// Whether an item is in use or archived.
    pub enum ItemState {
        /// In use.
        Active => "active",
        /// Archived: out of references and default lists.
        Archived => "archived",
    }
}

strict_enum! {
    /// How long a share link lives.
    pub enum ItemShareDuration {
        /// One hour.
        OneHour => "OneHour",
        /// One day.
        OneDay => "OneDay",
        /// Seven days.
        SevenDays => "SevenDays",
        /// Fourteen days.
        FourteenDays => "FourteenDays",
        /// Thirty days.
        ThirtyDays => "ThirtyDays",
    }
}

strict_enum! {
    /// Who may open a share link.
    pub enum AllowedType {
        /// Specific recipients who prove their address.
        Authenticated => "Authenticated",
        /// Anyone with the link.
        Public => "Public",
    }
}

strict_enum! {
    /// How share recipients are named.
    pub enum AllowedRecipientType {
        /// An email address.
        Email => "Email",
        /// Every address of a domain.
        Domain => "Domain",
    }
}

strict_enum! {
    /// The kind of a vault.
    pub enum VaultType {
        /// A person's private vault; never granted to a service account.
        Personal => "personal",
        /// The vault every member can see.
        Everyone => "everyone",
        /// A transfer vault.
        Transfer => "transfer",
        /// A vault someone created.
        UserCreated => "userCreated",
        /// A kind the SDK cannot represent.
        Unsupported => "unsupported",
    }
}

strict_enum! {
    /// What kind of principal an access grant names.
    pub enum VaultAccessorType {
        /// A person or service account.
        User => "user",
        /// A group.
        Group => "group",
        /// A broker (JS 0.5.0 only).
        Broker => "broker",
    }
}

strict_enum! {
    /// The kind of a group.
    pub enum GroupType {
        /// The account owners.
        Owners => "owners",
        /// The administrators.
        Administrators => "administrators",
        /// The recovery group.
        Recovery => "recovery",
        /// External account managers.
        ExternalAccountManagers => "externalAccountManagers",
        /// Every member of the team.
        TeamMembers => "teamMembers",
        /// A group someone created.
        UserDefined => "userDefined",
        /// A kind the SDK cannot represent.
        Unsupported => "unsupported",
    }
}

strict_enum! {
    /// Whether a group exists.
    pub enum GroupState {
        /// In use.
        Active => "active",
        /// Deleted.
        Deleted => "deleted",
        /// A state the SDK cannot represent.
        Unsupported => "unsupported",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_use_exact_spellings() {
        assert_eq!(
            serde_json::to_string(&ItemCategory::ApiCredentials).unwrap(),
            r#""ApiCredentials""#
        );
        assert_eq!(
            serde_json::to_string(&ItemFieldType::Totp).unwrap(),
            r#""Totp""#
        );
        assert_eq!(
            serde_json::to_string(&VaultType::UserCreated).unwrap(),
            r#""userCreated""#
        );
        assert_eq!(
            serde_json::to_string(&GroupType::ExternalAccountManagers).unwrap(),
            r#""externalAccountManagers""#
        );
        assert_eq!(ItemCategory::KNOWN.len(), 24);
        assert_eq!(
            ItemCategory::KNOWN
                .iter()
                .filter(|c| c.is_creatable())
                .count(),
            23
        );
        assert_eq!(
            ItemFieldType::KNOWN
                .iter()
                .filter(|c| c.is_creatable())
                .count(),
            14
        );
    }

    #[test]
    fn unknown_open_values_round_trip_unchanged() {
        for raw in [r#""Passkey""#, r#""login""#, r#""""#] {
            let cat: ItemCategory = serde_json::from_str(raw).unwrap();
            assert!(!cat.is_known());
            assert_eq!(serde_json::to_string(&cat).unwrap(), raw);
        }
        let t: ItemFieldType = serde_json::from_str(r#""Passkey""#).unwrap();
        assert_eq!(t, ItemFieldType::Unknown("Passkey".into()));
        assert_eq!(ItemCategory::suggest("login"), Some(ItemCategory::Login));
    }

    #[test]
    fn strict_enums_reject_unknown_values() {
        assert!(serde_json::from_str::<ItemShareDuration>(r#""TwoDays""#).is_err());
        assert!(serde_json::from_str::<ItemState>(r#""Active""#).is_err());
    }
}
