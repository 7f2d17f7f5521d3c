//! The schema as the generators see it: structs, enums and tagged unions with typed members.
//!
//! Every generator reads this one interpretation of `schema/opkit.schema.json`, so the Python,
//! TypeScript and Go modules cannot disagree about what a member is, whether it is optional or
//! secret, or how a union is tagged.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The whole contract.
#[derive(Debug)]
pub struct Model {
    /// The workspace version every binding reports.
    pub version: String,
    /// Permission constants (`READ_ITEMS`, ...) with their bits, `NO_ACCESS` first.
    pub permissions: Vec<(String, u32)>,
    /// Every named definition, by name, in name order.
    pub defs: BTreeMap<String, Def>,
}

/// A named definition.
#[derive(Debug)]
pub enum Def {
    /// An object with named members.
    Struct(Struct),
    /// A string enum.
    Enum(Enum),
    /// A tagged union (`tag` + optional payload under `content`).
    Union(Union),
}

/// An object type.
#[derive(Debug)]
pub struct Struct {
    /// Its name (for a generic instance, the generic's name and arguments are in `generic`).
    pub name: String,
    /// Its documentation.
    pub doc: String,
    /// Its members, in wire order.
    pub fields: Vec<Field>,
    /// Whether members this version does not know are kept (`additionalProperties: true`).
    pub keeps_unknown: bool,
    /// For an instance of a generic type: the generic's name and the type arguments.
    pub generic: Option<(String, Vec<Ty>)>,
}

/// A member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The wire key (camelCase for domain types, snake_case for invocation parameters).
    pub wire: String,
    /// Its type (without the optionality).
    pub ty: Ty,
    /// Whether the key must be present.
    pub required: bool,
    /// Whether `null` is allowed.
    pub nullable: bool,
    /// The value when absent, if the schema names one.
    pub default: Option<Value>,
    /// Whether the value must be printed redacted.
    pub secret: bool,
    /// Its documentation.
    pub doc: String,
}

impl Field {
    /// Whether a binding should model the member as optional (absent or null).
    pub fn optional(&self) -> bool {
        self.nullable || (!self.required && self.default.is_none())
    }
}

/// A string enum.
#[derive(Debug)]
pub struct Enum {
    /// Its name.
    pub name: String,
    /// Its documentation.
    pub doc: String,
    /// Known values with their documentation.
    pub values: Vec<(String, String)>,
    /// Whether unknown spellings are accepted and kept.
    pub open: bool,
}

/// A tagged union.
#[derive(Debug)]
pub struct Union {
    /// Its name.
    pub name: String,
    /// Its documentation.
    pub doc: String,
    /// The tag key (`type`, `name`).
    pub tag: String,
    /// The payload key (`parameters`, `content`, `message`), when any variant has a payload.
    pub content: Option<String>,
    /// The variants.
    pub variants: Vec<Variant>,
    /// Whether unknown tags are accepted and kept.
    pub open: bool,
}

/// A variant of a union.
#[derive(Debug)]
pub struct Variant {
    /// The tag value.
    pub tag: String,
    /// Its documentation.
    pub doc: String,
    /// The payload type, if the variant has one.
    pub payload: Option<Ty>,
    /// Whether the payload key must be present (it may still be null when the type allows).
    pub payload_required: bool,
    /// Whether the payload may be null.
    pub payload_nullable: bool,
}

/// A member type.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// Text.
    String,
    /// true / false.
    Bool,
    /// An integer; `format` is schemars' (`uint32`, `int64`, ...).
    Int {
        /// The Rust width and signedness, e.g. `uint32`.
        format: String,
    },
    /// A floating-point number.
    Float,
    /// RFC 3339 text, revived as a date.
    Timestamp,
    /// Binary content: an array of u8 on the wire.
    Bytes,
    /// A named definition.
    Ref(String),
    /// A list.
    Array(Box<Ty>),
    /// A string-keyed map.
    Map(Box<Ty>),
    /// An anonymous object (invocation parameters).
    Object(Vec<Field>),
    /// Only `null` (the payload of unit results).
    Null,
    /// Any JSON value.
    Any,
}

impl Model {
    /// Reads the schema `cargo xtask schema` derives.
    pub fn from_schema(schema: &Value) -> Result<Self, String> {
        let version = schema["x-version"]
            .as_str()
            .ok_or("the schema has no x-version")?
            .to_owned();
        let permissions = schema["x-permissions"]
            .as_object()
            .ok_or("the schema has no x-permissions")?
            .iter()
            .map(|(name, bits)| {
                bits.as_u64()
                    .and_then(|b| u32::try_from(b).ok())
                    .map(|b| (name.clone(), b))
                    .ok_or_else(|| format!("permission {name} has no u32 value"))
            })
            .collect::<Result<_, _>>()?;
        let defs = schema["$defs"]
            .as_object()
            .ok_or("the schema has no $defs")?
            .iter()
            .map(|(name, def)| Ok((name.clone(), read_def(name, def)?)))
            .collect::<Result<_, String>>()?;
        Ok(Self {
            version,
            permissions,
            defs,
        })
    }

    /// The definition a `Ty::Ref` names.
    pub fn get(&self, name: &str) -> Option<&Def> {
        self.defs.get(name)
    }
}

fn doc(schema: &Value) -> String {
    schema["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn read_def(name: &str, schema: &Value) -> Result<Def, String> {
    let here = |e: String| format!("{name}: {e}");
    if let Some(values) = schema["enum"].as_array() {
        let values = values
            .iter()
            .map(|v| v.as_str().map(|s| (s.to_owned(), String::new())))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| here("enum values must be strings".into()))?;
        return Ok(Def::Enum(Enum {
            name: name.to_owned(),
            doc: doc(schema),
            values,
            open: schema["x-open-enum"].as_bool().unwrap_or(false),
        }));
    }
    if let Some(variants) = schema["oneOf"].as_array() {
        // Unit variants of a strict enum come as `{"type":"string","const":...}`.
        if variants.iter().all(|v| v["const"].is_string()) {
            return Ok(Def::Enum(Enum {
                name: name.to_owned(),
                doc: doc(schema),
                values: variants
                    .iter()
                    .map(|v| (v["const"].as_str().unwrap_or_default().to_owned(), doc(v)))
                    .collect(),
                open: false,
            }));
        }
        return read_union(name, schema, variants)
            .map(Def::Union)
            .map_err(here);
    }
    if schema["type"] == "object" {
        let generic = match schema["x-generic"].as_str() {
            Some(generic) => Some((generic.to_owned(), generic_args(name)?)),
            None => None,
        };
        return Ok(Def::Struct(Struct {
            name: name.to_owned(),
            doc: doc(schema),
            fields: read_fields(schema).map_err(here)?,
            keeps_unknown: schema["additionalProperties"] == Value::Bool(true),
            generic,
        }));
    }
    Err(here(format!("unsupported definition {schema}")))
}

/// `Response_Item_ItemsGetAllError` → `[Ref(Item), Ref(ItemsGetAllError)]` (`null` for unit).
fn generic_args(name: &str) -> Result<Vec<Ty>, String> {
    let mut parts = name.split('_');
    parts.next();
    let args: Vec<Ty> = parts
        .map(|arg| match arg {
            "null" => Ty::Null,
            "string" => Ty::String,
            other => Ty::Ref(other.to_owned()),
        })
        .collect();
    if args.is_empty() {
        return Err(format!(
            "{name}: a generic instance names no type arguments"
        ));
    }
    Ok(args)
}

fn read_fields(schema: &Value) -> Result<Vec<Field>, String> {
    let empty = Map::new();
    let properties = schema["properties"].as_object().unwrap_or(&empty);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    properties
        .iter()
        .map(|(wire, member)| {
            let (ty, nullable) = read_ty(member).map_err(|e| format!("member {wire}: {e}"))?;
            Ok(Field {
                wire: wire.clone(),
                secret: is_secret(member),
                ty,
                required: required.contains(&wire.as_str()),
                nullable,
                default: member.get("default").cloned(),
                doc: doc(member),
            })
        })
        .collect()
}

fn is_secret(schema: &Value) -> bool {
    schema["x-secret"] == Value::Bool(true)
        || ["anyOf", "oneOf"].iter().any(|k| {
            schema[*k]
                .as_array()
                .is_some_and(|alts| alts.iter().any(is_secret))
        })
        || is_secret_items(schema)
}

fn is_secret_items(schema: &Value) -> bool {
    schema.get("items").is_some_and(is_secret)
}

/// A member's type and whether it may be null.
fn read_ty(schema: &Value) -> Result<(Ty, bool), String> {
    if schema == &Value::Bool(true) || schema.as_object().is_some_and(is_any) {
        return Ok((Ty::Any, true));
    }
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference
            .strip_prefix("#/$defs/")
            .ok_or_else(|| format!("unsupported $ref {reference}"))?;
        return Ok((Ty::Ref(name.to_owned()), false));
    }
    if let Some(alternatives) = schema["anyOf"].as_array() {
        let (nulls, others): (Vec<&Value>, Vec<&Value>) =
            alternatives.iter().partition(|a| a["type"] == "null");
        return match others.as_slice() {
            [one] => Ok((read_ty(one)?.0, !nulls.is_empty())),
            _ => Err(format!("unsupported anyOf {schema}")),
        };
    }
    let (kind, nullable) = match &schema["type"] {
        Value::String(kind) => (kind.as_str(), false),
        Value::Array(kinds) => {
            let named: Vec<&str> = kinds
                .iter()
                .filter_map(Value::as_str)
                .filter(|k| *k != "null")
                .collect();
            match named.as_slice() {
                [one] => (*one, kinds.len() > 1),
                _ => return Err(format!("unsupported type list {schema}")),
            }
        }
        _ => return Err(format!("a member without a type: {schema}")),
    };
    let ty = match kind {
        "string" if schema["x-timestamp"] == Value::Bool(true) => Ty::Timestamp,
        "string" => Ty::String,
        "boolean" => Ty::Bool,
        "integer" => Ty::Int {
            format: schema["format"].as_str().unwrap_or("int64").to_owned(),
        },
        "number" => Ty::Float,
        "null" => return Ok((Ty::Null, true)),
        "array" if schema["x-bytes"] == Value::Bool(true) => Ty::Bytes,
        "array" => Ty::Array(Box::new(read_ty(&schema["items"])?.0)),
        "object" if schema.get("properties").is_some() => Ty::Object(read_fields(schema)?),
        "object" => match schema.get("additionalProperties") {
            Some(values) if values.is_object() => Ty::Map(Box::new(read_ty(values)?.0)),
            _ => Ty::Map(Box::new(Ty::Any)),
        },
        other => return Err(format!("unsupported type {other}")),
    };
    Ok((ty, nullable))
}

fn is_any(object: &Map<String, Value>) -> bool {
    object.keys().all(|k| k == "description" || k == "default")
}

fn read_union(name: &str, schema: &Value, variants: &[Value]) -> Result<Union, String> {
    let explicit = &schema["x-union"];
    let tag = match explicit["tag"].as_str() {
        Some(tag) => tag.to_owned(),
        None => tag_key(variants).ok_or("a union whose variants share no const tag")?,
    };
    let mut content = explicit["content"].as_str().map(str::to_owned);
    let mut out = Vec::new();
    for variant in variants {
        let properties = variant["properties"]
            .as_object()
            .ok_or("a union variant without properties")?;
        let tag_value = properties
            .get(&tag)
            .and_then(|t| t["const"].as_str())
            .ok_or_else(|| format!("a variant of {name} without a const `{tag}`"))?;
        let payload = properties.iter().find(|(key, _)| **key != tag);
        let (payload, payload_required, payload_nullable) = match payload {
            None => (None, false, false),
            Some((key, member)) => {
                match &content {
                    Some(existing) if existing != key => {
                        return Err(format!("payload keys differ: {existing} and {key}"));
                    }
                    _ => content = Some(key.clone()),
                }
                let (ty, nullable) = read_ty(member)?;
                let required = variant["required"]
                    .as_array()
                    .is_some_and(|r| r.iter().any(|k| k == key.as_str()));
                (Some(ty), required, nullable)
            }
        };
        out.push(Variant {
            tag: tag_value.to_owned(),
            doc: doc(variant),
            payload,
            payload_required,
            payload_nullable,
        });
    }
    Ok(Union {
        name: name.to_owned(),
        doc: doc(schema),
        tag,
        content,
        variants: out,
        open: explicit["open"].as_bool().unwrap_or(false),
    })
}

/// The property every variant fixes with a `const`.
fn tag_key(variants: &[Value]) -> Option<String> {
    let first = variants.first()?["properties"].as_object()?;
    first
        .iter()
        .filter(|(_, v)| v["const"].is_string())
        .map(|(k, _)| k.clone())
        .find(|key| {
            variants
                .iter()
                .all(|v| v["properties"][key.as_str()]["const"].is_string())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn model(defs: Value) -> Model {
        let schema =
            json!({"x-version": "1.2.3", "x-permissions": {"NO_ACCESS": 0}, "$defs": defs});
        match Model::from_schema(&schema) {
            Ok(model) => model,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn the_real_schema_marks_every_secret_and_resolves_every_reference() {
        let path = crate::root().join(crate::schema::SCHEMA_PATH);
        let text = std::fs::read_to_string(path).unwrap();
        let m = Model::from_schema(&serde_json::from_str(&text).unwrap()).unwrap();
        let secret = |def: &str, wire: &str| match m.get(def) {
            Some(Def::Struct(s)) => s.fields.iter().any(|f| f.wire == wire && f.secret),
            _ => false,
        };
        for (def, wire) in [
            ("ItemField", "value"),
            ("Item", "notes"),
            ("ItemCreateParams", "notes"),
            ("OtpFieldDetails", "code"),
            ("GeneratePasswordResponse", "password"),
            ("FileCreateParams", "content"),
        ] {
            assert!(secret(def, wire), "{def}.{wire} must be marked secret");
        }
        assert!(!secret("ItemField", "title"));
        fn refs(ty: &Ty, out: &mut Vec<String>) {
            match ty {
                Ty::Ref(name) => out.push(name.clone()),
                Ty::Array(inner) | Ty::Map(inner) => refs(inner, out),
                Ty::Object(fields) => fields.iter().for_each(|f| refs(&f.ty, out)),
                _ => {}
            }
        }
        let mut named = Vec::new();
        for def in m.defs.values() {
            match def {
                Def::Struct(s) => s.fields.iter().for_each(|f| refs(&f.ty, &mut named)),
                Def::Union(u) => u
                    .variants
                    .iter()
                    .flat_map(|v| &v.payload)
                    .for_each(|t| refs(t, &mut named)),
                Def::Enum(_) => {}
            }
        }
        for name in named {
            assert!(
                m.get(&name).is_some(),
                "{name} is referenced but not defined"
            );
        }
        assert!(matches!(m.get("ItemCategory"), Some(Def::Enum(e)) if e.open));
        assert!(
            matches!(m.get("ClientMethod"), Some(Def::Union(u)) if u.tag == "name" && u.content.as_deref() == Some("parameters"))
        );
    }

    #[test]
    fn reads_structs_with_optional_secret_and_unknown_members() {
        let m = model(
            json!({"F": {"type": "object", "additionalProperties": true, "required": ["id", "value"],
            "properties": {
                "id": {"type": "string"},
                "value": {"type": "string", "x-secret": true},
                "sectionId": {"type": ["string", "null"]},
                "tags": {"type": "array", "items": {"type": "string"}, "default": []},
                "details": {"anyOf": [{"$ref": "#/$defs/D"}, {"type": "null"}]},
                "at": {"type": "string", "format": "date-time", "x-timestamp": true}
            }}}),
        );
        let Some(Def::Struct(s)) = m.get("F") else {
            panic!("not a struct")
        };
        assert!(s.keeps_unknown);
        let by = |w: &str| s.fields.iter().find(|f| f.wire == w).cloned();
        let value = by("value").unwrap();
        assert!(value.secret && value.required && !value.optional());
        assert!(by("sectionId").unwrap().optional());
        let tags = by("tags").unwrap();
        assert_eq!(tags.ty, Ty::Array(Box::new(Ty::String)));
        assert!(
            !tags.optional(),
            "a member with a default is filled in, not optional"
        );
        assert_eq!(by("details").unwrap().ty, Ty::Ref("D".into()));
        assert_eq!(by("at").unwrap().ty, Ty::Timestamp);
    }

    #[test]
    fn reads_enums_unions_and_generic_instances() {
        let m = model(json!({
            "S": {"oneOf": [{"type": "string", "const": "active", "description": "In use."}]},
            "O": {"type": "string", "enum": ["Login"], "x-open-enum": true},
            "R": {"oneOf": [
                {"type": "object", "properties": {"type": {"type": "string", "const": "parsing"}, "message": {"type": "string"}}, "required": ["type", "message"]},
                {"type": "object", "properties": {"type": {"type": "string", "const": "fieldNotFound"}}, "required": ["type"]}
            ]},
            "Response_Item_E": {"type": "object", "x-generic": "Response", "properties": {}}
        }));
        assert!(matches!(m.get("S"), Some(Def::Enum(e)) if !e.open && e.values[0].1 == "In use."));
        assert!(matches!(m.get("O"), Some(Def::Enum(e)) if e.open));
        let Some(Def::Union(u)) = m.get("R") else {
            panic!("not a union")
        };
        assert_eq!(
            (u.tag.as_str(), u.content.as_deref()),
            ("type", Some("message"))
        );
        assert_eq!(u.variants[0].payload, Some(Ty::String));
        assert!(u.variants[1].payload.is_none());
        let Some(Def::Struct(r)) = m.get("Response_Item_E") else {
            panic!("not a struct")
        };
        assert_eq!(
            r.generic,
            Some((
                "Response".into(),
                vec![Ty::Ref("Item".into()), Ty::Ref("E".into())]
            ))
        );
    }
}
