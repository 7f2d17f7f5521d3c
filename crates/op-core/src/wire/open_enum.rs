//! Enums that accept values they do not know.
//!
//! The official core parses item categories, field types and autofill behaviours leniently, and users
//! lost data when an SDK dropped a value it did not understand. These enums therefore keep an unknown
//! spelling in an `Unknown(String)` variant and write it back unchanged, while known values
//! serialise with their exact wire spelling.

/// Declares a string enum with known variants plus `Unknown(String)` that round-trips any other value.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know, kept verbatim so it survives a read-modify-write.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in the protocol's order.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The exact wire spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other.as_str(),
                }
            }

            /// Parses a wire spelling; anything unrecognised becomes [`Self::Unknown`].
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $( $wire => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }

            /// Whether this is one of the values the protocol lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }

            /// The known value whose spelling matches `value` ignoring ASCII case, to suggest a fix.
            pub fn suggest(value: &str) -> Option<Self> {
                Self::KNOWN.iter().find(|k| k.as_str().eq_ignore_ascii_case(value)).cloned()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // An open enum: the known spellings, and any other string (kept verbatim). Generators read
        // `x-open-enum` to give the bindings a lenient type.
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "enum": [ $( $wire, )+ ],
                    "x-open-enum": true,
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from_wire(&value))
            }
        }
    };
}

pub(crate) use open_enum;
