//! The TypeScript type modules of bindings/op-node.
//!
//! `ts/types.ts` holds the public names of `@1password/sdk` (interfaces, string enums, tagged
//! unions, the generic `Response<T, E>`, permission constants). `ts/wire_shapes.ts` holds what the
//! runtime needs at run time and an interface cannot carry: where timestamps, bytes and secrets
//! sit in each result, read by `ts/wire.ts` to revive dates and bytes and to redact printing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use super::Output;
use super::model::{Def, Enum, Field, Model, Struct, Ty, Union};
use super::names::pascal;

const TYPES: &str = "bindings/op-node/ts/types.ts";
const SHAPES: &str = "bindings/op-node/ts/wire_shapes.ts";
const ERRORS: &str = "bindings/op-node/ts/error_classes.ts";

/// Definitions that describe the invocation envelope, not values a user handles.
const ENVELOPE: &[&str] = &["ClientMethod", "SyncMethod", "ErrorEnvelope", "ErrorName"];

/// Type parameter names of generic instances, in argument order (`Response<T, E>`).
const TYPE_PARAMS: &[&str] = &["T", "E", "U", "V"];

/// The three files.
pub fn generate(model: &Model) -> Result<Vec<Output>, String> {
    Ok(vec![
        (PathBuf::from(TYPES), types(model)?),
        (PathBuf::from(SHAPES), shapes(model)),
        (PathBuf::from(ERRORS), errors(model)?),
    ])
}

/// The class of an error name: `ItemApi` → `ItemApiError`; names that already end in `Error`
/// (`UpdatingGroupVaultPermissionsError`) keep their spelling, as in `@1password/sdk`.
fn error_class(name: &str) -> String {
    if name.ends_with("Error") {
        name.to_owned()
    } else {
        format!("{name}Error")
    }
}

/// One `OpkitError` subclass per `ErrorName`, and the table `toError` picks them from.
fn errors(model: &Model) -> Result<String, String> {
    let Some(Def::Enum(names)) = model.get("ErrorName") else {
        return Err("the schema has no ErrorName enum".into());
    };
    let mut out = super::header("//");
    out.push_str(
        "/**\n * One `Error` subclass per error name of the core (protocol §5), each with the name as a stable\n \
         * `code`; the class names match `@1password/sdk` where it has one.\n */\n\
         import { OpkitError } from \"./error_base\";\n",
    );
    for (name, name_doc) in &names.values {
        out.push('\n');
        doc(&mut out, "", name_doc);
        let _ = writeln!(
            out,
            "export class {} extends OpkitError {{\n  constructor(message: string, reason?: string) {{\n    super({name:?}, message, reason);\n  }}\n}}",
            error_class(name)
        );
    }
    out.push_str(
        "\n/** The class of each error name the core sends. */\n\
         export const ERROR_CLASSES: Record<string, new (message: string, reason?: string) => OpkitError> = {\n",
    );
    for (name, _) in &names.values {
        let _ = writeln!(out, "  {name}: {},", error_class(name));
    }
    out.push_str("};\n");
    Ok(out)
}

fn doc(out: &mut String, indent: &str, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let text = text.replace("*/", "*\\/");
    let lines: Vec<&str> = text.lines().collect();
    if let [one] = lines.as_slice() {
        let _ = writeln!(out, "{indent}/** {one} */");
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in lines {
        let _ = writeln!(out, "{indent} * {line}");
    }
    let _ = writeln!(out, "{indent} */");
}

fn types(model: &Model) -> Result<String, String> {
    let mut out = super::header("//");
    out.push_str(
        "/**\n * Every wire type, enum and permission constant of the protocol (§9), under the names of\n \
         * `@1password/sdk`. Timestamps are `Date` and binary content `Uint8Array` on the JS side.\n \
         * Printing an object the SDK returns shows `[REDACTED]` for every secret (ts/wire.ts).\n */\n",
    );
    let mut generics = BTreeSet::new();
    for def in model.defs.values() {
        match def {
            Def::Struct(s) if ENVELOPE.contains(&s.name.as_str()) => {}
            Def::Struct(s) => match &s.generic {
                Some((generic, args)) => {
                    if generics.insert(generic.clone()) {
                        generic_struct(&mut out, model, s, generic, args)?;
                    }
                }
                None => structure(&mut out, model, s)?,
            },
            Def::Enum(e) if ENVELOPE.contains(&e.name.as_str()) => {}
            Def::Enum(e) => enumeration(&mut out, e),
            Def::Union(u) if ENVELOPE.contains(&u.name.as_str()) => {}
            Def::Union(u) => union(&mut out, model, u)?,
        }
    }
    out.push_str("\n// Vault permission bits (protocol §9.7); combine with `|`.\n");
    for (name, bits) in &model.permissions {
        let words = name.to_ascii_lowercase().replace('_', " ");
        let mut chars = words.chars();
        let sentence = chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "/** {sentence}. */\nexport const {name}: number = {bits};"
        );
    }
    Ok(out)
}

fn ts(model: &Model, ty: &Ty) -> Result<String, String> {
    Ok(match ty {
        Ty::String => "string".into(),
        Ty::Bool => "boolean".into(),
        Ty::Int { .. } | Ty::Float => "number".into(),
        Ty::Timestamp => "Date".into(),
        Ty::Bytes => "Uint8Array".into(),
        Ty::Null => "undefined".into(),
        Ty::Any => "unknown".into(),
        Ty::Ref(name) => match model.get(name) {
            Some(Def::Struct(Struct {
                generic: Some((generic, args)),
                ..
            })) => {
                let args = args
                    .iter()
                    .map(|a| ts(model, a))
                    .collect::<Result<Vec<_>, _>>()?;
                format!("{generic}<{}>", args.join(", "))
            }
            Some(_) => name.clone(),
            None => return Err(format!("{name} is referenced but not defined")),
        },
        Ty::Array(inner) => format!("{}[]", ts(model, inner)?),
        Ty::Map(inner) => format!("Record<string, {}>", ts(model, inner)?),
        Ty::Object(fields) => {
            let members = fields
                .iter()
                .map(|f| Ok(format!("{}{}: {}", f.wire, opt(f), ts(model, &f.ty)?)))
                .collect::<Result<Vec<_>, String>>()?;
            format!("{{ {} }}", members.join("; "))
        }
    })
}

fn opt(field: &Field) -> &'static str {
    if field.optional() { "?" } else { "" }
}

fn structure(out: &mut String, model: &Model, s: &Struct) -> Result<(), String> {
    out.push('\n');
    doc(out, "", &s.doc);
    let _ = writeln!(out, "export interface {} {{", s.name);
    for field in &s.fields {
        doc(out, "  ", &field.doc);
        let _ = writeln!(
            out,
            "  {}{}: {};",
            field.wire,
            opt(field),
            ts(model, &field.ty)?
        );
    }
    out.push_str("}\n");
    Ok(())
}

/// The generic a family of instances (`Response_Item_E`, ...) stands for, written once: a member
/// whose type is the i-th argument becomes the i-th type parameter.
fn generic_struct(
    out: &mut String,
    model: &Model,
    s: &Struct,
    generic: &str,
    args: &[Ty],
) -> Result<(), String> {
    let params = TYPE_PARAMS
        .get(..args.len())
        .ok_or_else(|| format!("{generic}: too many type parameters"))?;
    out.push('\n');
    doc(out, "", &s.doc);
    let _ = writeln!(out, "export interface {generic}<{}> {{", params.join(", "));
    for field in &s.fields {
        let ty = match args.iter().position(|a| *a == field.ty) {
            Some(i) => params[i].to_string(),
            None => ts(model, &field.ty)?,
        };
        doc(out, "  ", &field.doc);
        let _ = writeln!(out, "  {}{}: {ty};", field.wire, opt(field));
    }
    out.push_str("}\n");
    Ok(())
}

fn enumeration(out: &mut String, e: &Enum) {
    out.push('\n');
    doc(out, "", &e.doc);
    let _ = writeln!(out, "export enum {} {{", e.name);
    for (value, value_doc) in &e.values {
        doc(out, "  ", value_doc);
        let _ = writeln!(out, "  {} = {value:?},", pascal(value));
    }
    out.push_str("}\n");
}

fn union(out: &mut String, model: &Model, u: &Union) -> Result<(), String> {
    out.push('\n');
    doc(out, "", &u.doc);
    let _ = writeln!(out, "export type {} =", u.name);
    for variant in &u.variants {
        let payload = match (&u.content, &variant.payload) {
            (Some(key), Some(ty)) => {
                let optional = !variant.payload_required || variant.payload_nullable;
                format!(
                    "; {key}{}: {}",
                    if optional { "?" } else { "" },
                    ts(model, ty)?
                )
            }
            // A unit variant beside variants with a payload: the key is never set, so reading it
            // type-checks on the union without narrowing.
            (Some(key), None) => format!("; {key}?: undefined"),
            (None, _) => String::new(),
        };
        doc(out, "  ", &variant.doc);
        let _ = writeln!(out, "  | {{ {}: {:?}{payload} }}", u.tag, variant.tag);
    }
    // Replace the newline after the last variant with the statement's end.
    out.pop();
    out.push_str(";\n");
    Ok(())
}

/// What a member needs at run time.
#[derive(Clone, PartialEq)]
enum Shape {
    Date,
    Bytes,
    Plain,
    Ref(String),
    List(Box<Shape>),
    Map(Box<Shape>),
}

impl Shape {
    fn is_plain(&self) -> bool {
        matches!(self, Shape::Plain)
    }

    fn render(&self) -> String {
        match self {
            Shape::Date => "\"date\"".into(),
            Shape::Bytes => "\"bytes\"".into(),
            Shape::Plain => "\"plain\"".into(),
            Shape::Ref(name) => format!("{{ ref: {name:?} }}"),
            Shape::List(inner) => format!("{{ list: {} }}", inner.render()),
            Shape::Map(inner) => format!("{{ map: {} }}", inner.render()),
        }
    }
}

/// Which definitions carry a date, bytes or a secret somewhere inside, found by iterating to a
/// fixed point (definitions refer to each other in any order).
struct Needs {
    needed: BTreeSet<String>,
    secret: BTreeSet<String>,
}

impl Needs {
    fn new(model: &Model) -> Self {
        let mut needs = Self {
            needed: BTreeSet::new(),
            secret: BTreeSet::new(),
        };
        loop {
            let before = (needs.needed.len(), needs.secret.len());
            for (name, def) in &model.defs {
                let members = members(def);
                if members
                    .iter()
                    .any(|(_, ty, secret)| *secret || !needs.shape(ty).is_plain())
                {
                    needs.needed.insert(name.clone());
                }
                if members
                    .iter()
                    .any(|(_, ty, secret)| *secret || needs.holds_secret(ty))
                {
                    needs.secret.insert(name.clone());
                }
            }
            if before == (needs.needed.len(), needs.secret.len()) {
                return needs;
            }
        }
    }

    fn shape(&self, ty: &Ty) -> Shape {
        match ty {
            Ty::Timestamp => Shape::Date,
            Ty::Bytes => Shape::Bytes,
            Ty::Ref(name) if self.needed.contains(name) => Shape::Ref(name.clone()),
            Ty::Array(inner) => match self.shape(inner) {
                Shape::Plain => Shape::Plain,
                inner => Shape::List(Box::new(inner)),
            },
            Ty::Map(inner) => match self.shape(inner) {
                Shape::Plain => Shape::Plain,
                inner => Shape::Map(Box::new(inner)),
            },
            _ => Shape::Plain,
        }
    }

    fn holds_secret(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Ref(name) => self.secret.contains(name),
            Ty::Array(inner) | Ty::Map(inner) => self.holds_secret(inner),
            Ty::Object(fields) => fields.iter().any(|f| f.secret || self.holds_secret(&f.ty)),
            _ => false,
        }
    }
}

/// A definition's members as (key, type, secret): struct members, or union payloads by tag.
fn members(def: &Def) -> Vec<(String, Ty, bool)> {
    match def {
        Def::Struct(s) => s
            .fields
            .iter()
            .map(|f| (f.wire.clone(), f.ty.clone(), f.secret))
            .collect(),
        Def::Union(u) => u
            .variants
            .iter()
            .filter_map(|v| v.payload.clone().map(|ty| (v.tag.clone(), ty, false)))
            .collect(),
        Def::Enum(_) => Vec::new(),
    }
}

fn shapes(model: &Model) -> String {
    let needs = Needs::new(model);
    let mut out = super::header("//");
    out.push_str(
        "/**\n * Where dates, bytes and secrets sit in each wire type, for ts/wire.ts: results are revived\n \
         * (timestamps to `Date`, bytes to `Uint8Array`) and objects holding a secret print redacted.\n \
         * Only members that need something are listed.\n */\n\
         import type { WireShape } from \"./wire\";\n\n",
    );
    let _ = writeln!(
        out,
        "/** The workspace version this package is built from. */\nexport const SDK_VERSION = {:?};\n",
        model.version
    );
    out.push_str("export const WIRE: Record<string, WireShape> = {\n");
    let mut entries: BTreeMap<&str, String> = BTreeMap::new();
    for (name, def) in &model.defs {
        if !needs.needed.contains(name) || ENVELOPE.contains(&name.as_str()) {
            continue;
        }
        let mut body = String::new();
        for (key, ty, secret) in members(def) {
            let shape = needs.shape(&ty);
            if shape.is_plain() && !secret {
                continue;
            }
            let _ = writeln!(
                body,
                "      {key}: {{ shape: {}{} }},",
                shape.render(),
                if secret { ", secret: true" } else { "" }
            );
        }
        let secret = needs.secret.contains(name);
        let entry = match def {
            Def::Union(u) => format!(
                "    kind: \"union\",\n    tag: {:?},\n    content: {:?},\n    secret: {secret},\n    members: {{\n{body}    }},\n",
                u.tag,
                u.content.clone().unwrap_or_default()
            ),
            _ => format!(
                "    kind: \"struct\",\n    secret: {secret},\n    members: {{\n{body}    }},\n"
            ),
        };
        entries.insert(name, entry);
    }
    for (name, entry) in entries {
        let _ = writeln!(out, "  {name}: {{\n{entry}  }},");
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let path = crate::root().join(crate::schema::SCHEMA_PATH);
        let text = std::fs::read_to_string(path).unwrap();
        Model::from_schema(&serde_json::from_str(&text).unwrap()).unwrap()
    }

    #[test]
    fn keeps_the_official_names_and_shapes() {
        let out = types(&model()).unwrap();
        for expected in [
            "export interface Response<T, E> {\n",
            "  content?: T;\n",
            "individualResponses: Response<Item, ItemsGetAllError>[];",
            "individualResponses: Record<string, Response<undefined, ItemUpdateFailureReason>>;",
            "  | { type: \"itemNotFound\"; message?: undefined }",
            "  | { type: \"SshKey\"; content?: SshKeyAttributes }",
            "  | { type: \"Otp\"; content: OtpFieldDetails }",
            "  ExternalAccountManagers = \"externalAccountManagers\",",
            "export const READ_ITEMS: number = 32;",
            "  sectionId?: string;",
            "  createdAt: Date;",
            "  content: Uint8Array;",
        ] {
            assert!(out.contains(expected), "types.ts lacks {expected:?}");
        }
        assert!(
            !out.contains("Response_"),
            "generic instances are written as Response<..>"
        );
        assert!(!out.contains("ClientMethod"));
    }

    #[test]
    fn marks_every_container_of_a_secret() {
        let m = model();
        let needs = Needs::new(&m);
        for name in [
            "Item",
            "ItemField",
            "ItemFieldDetails",
            "OtpFieldDetails",
            "ItemsGetAllResponse",
            "ResolveAllResponse",
            "GetVariablesResponse",
        ] {
            assert!(needs.secret.contains(name), "{name} holds a secret");
        }
        assert!(!needs.secret.contains("VaultOverview"));
        assert!(needs.needed.contains("VaultOverview"), "it has dates");
        let out = shapes(&m);
        assert!(out.contains("notes: { shape: \"plain\", secret: true }"));
        assert!(out.contains(&format!("SDK_VERSION = {:?}", m.version)));
    }

    #[test]
    fn names_every_error_class_like_the_official_package() {
        let out = errors(&model()).unwrap();
        for expected in [
            "export class ItemApiError extends OpkitError {",
            "    super(\"ItemApi\", message, reason);",
            "export class UpdatingGroupVaultPermissionsError extends OpkitError {",
            "  UpdatingGroupVaultPermissionsError: UpdatingGroupVaultPermissionsError,",
            "  Internal: InternalError,",
        ] {
            assert!(
                out.contains(expected),
                "error_classes.ts lacks {expected:?}"
            );
        }
    }
}
