//! The Python package's type module (`opkit/types.py`) and its schema constants
//! (`opkit/_contract.py`).
//!
//! The names are the official package's: plain enum members are the value in capitals without
//! separators (`SECURENOTE`), union tag members are screaming snake case (`SSH_KEY`), a union's
//! variant classes are the union's name followed by the tag with its first letter in capitals
//! (`ResolveReferenceErrorSSHKeyMetadataNotFound`). Required members come first, in wire order,
//! then the optional ones (`= None`), so positional construction keeps working. The runtime
//! behaviour (codecs, validation, redaction, the pydantic-style methods) is hand-written in
//! `_model.py`; this module only states the shapes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use super::model::{Def, Enum, Field, Model, Struct, Ty, Union};
use super::names;
use super::{Output, header};

const DIR: &str = "bindings/op-py/python/opkit";
/// ruff's `line-length` in bindings/op-py/pyproject.toml.
const WIDTH: usize = 100;
/// Protocol-level definitions the bindings handle in hand-written code (`_inner.py`, `errors.py`).
const NOT_TYPES: &[&str] = &["ClientMethod", "SyncMethod", "ErrorEnvelope", "ErrorName"];

/// The generated files of the Python package.
pub fn generate(model: &Model) -> Result<Vec<Output>, String> {
    Ok(vec![
        (PathBuf::from(DIR).join("types.py"), types(model)?),
        (PathBuf::from(DIR).join("_contract.py"), contract(model)?),
    ])
}

fn contract(model: &Model) -> Result<String, String> {
    let mut out = header("#");
    out.push_str(
        "\"\"\"The schema's constants: the workspace version, the protocol's error names and the\n\
         invocation catalogue.\n\"\"\"\n\n",
    );
    let _ = writeln!(out, "VERSION = \"{}\"", model.version);
    out.push_str(
        "# The official packages send their version as a build number: the major version, then the\n\
         # minor, patch and build numbers in two digits each.\n",
    );
    let _ = writeln!(out, "SDK_VERSION = \"{}\"", build_number(&model.version)?);
    let Some(Def::Enum(errors)) = model.get("ErrorName") else {
        return Err("the schema has no ErrorName enum".into());
    };
    out.push_str("ERROR_NAMES = (\n");
    for (name, _) in &errors.values {
        let _ = writeln!(out, "    \"{name}\",");
    }
    out.push_str(")\n");
    let Some(Def::Union(methods)) = model.get("ClientMethod") else {
        return Err("the schema has no ClientMethod union".into());
    };
    out.push_str("# Every client invocation with its parameter keys, in wire order.\n");
    out.push_str("CLIENT_METHODS = {\n");
    for v in &methods.variants {
        let keys: Vec<String> = match &v.payload {
            Some(Ty::Object(fields)) => fields.iter().map(|f| format!("\"{}\"", f.wire)).collect(),
            _ => return Err(format!("ClientMethod {} has no parameter object", v.tag)),
        };
        let tuple = match keys.as_slice() {
            [one] => format!("({one},)"),
            _ => format!("({})", keys.join(", ")),
        };
        let _ = writeln!(out, "    \"{}\": {tuple},", v.tag);
    }
    out.push_str("}\n");
    Ok(out)
}

/// `0.1.0` → `0010000`; a pre-release suffix (`-rc.1`) is not part of the number.
fn build_number(version: &str) -> Result<String, String> {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<u32> = core
        .split('.')
        .map(|p| p.parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("version {version}: {e}"))?;
    match parts.as_slice() {
        [major, minor, patch] if *minor < 100 && *patch < 100 => {
            Ok(format!("{major}{minor:02}{patch:02}00"))
        }
        _ => Err(format!(
            "version {version} is not major.minor.patch below 100"
        )),
    }
}

#[derive(Default)]
struct Out {
    body: String,
    exports: Vec<String>,
    typing: BTreeSet<&'static str>,
    datetime: bool,
}

fn types(model: &Model) -> Result<String, String> {
    let mut o = Out::default();
    let defs = || {
        model
            .defs
            .values()
            .filter(|d| !NOT_TYPES.contains(&def_name(d)))
    };
    for def in defs() {
        if let Def::Enum(e) = def {
            enum_class(&mut o, e);
        }
    }
    let mut generics = BTreeSet::new();
    for def in defs() {
        if let Def::Struct(s) = def {
            match &s.generic {
                Some((generic, _)) => {
                    if generics.insert(generic.clone()) {
                        generic_class(&mut o, s, generic)?;
                    }
                }
                None => struct_class(&mut o, model, s)?,
            }
        }
    }
    for def in defs() {
        if let Def::Union(u) = def {
            union_classes(&mut o, model, u)?;
        }
    }
    o.body
        .push_str("# Vault permission bits (protocol §9.7); combine with `|`.\n");
    for (name, bits) in &model.permissions {
        let _ = writeln!(o.body, "{name}: int = {bits}");
        o.exports.push(name.clone());
    }
    o.exports.push("ErrorMessage".into());

    let mut out = header("#");
    out.push_str(
        "\"\"\"Every type of the protocol (§9), with the class, member and attribute names of the official\n\
         package's `onepassword.types`. Attributes are snake_case; constructors, `model_validate` and\n\
         `model_dump(by_alias=True)` use the camelCase wire names too (see `_model.py`).\n\"\"\"\n\n\
         from __future__ import annotations\n\n",
    );
    if o.datetime {
        out.push_str("from datetime import datetime\n");
    }
    out.push_str("from enum import Enum\n");
    let typing: Vec<&str> = o.typing.iter().copied().collect();
    let _ = writeln!(out, "from typing import {}\n", typing.join(", "));
    out.push_str("from ._model import Model, model, open_enum, union\n\n");
    if o.typing.contains("TypeVar") {
        out.push_str("E = TypeVar(\"E\")\nT = TypeVar(\"T\")\n\n");
    }
    out.push_str("ErrorMessage = str\n\n\n");
    out.push_str(&o.body);
    out.push_str("\n__all__ = [\n");
    for name in sorted_exports(o.exports) {
        let _ = writeln!(out, "    \"{name}\",");
    }
    out.push_str("]\n");
    Ok(out)
}

fn def_name(def: &Def) -> &str {
    match def {
        Def::Struct(s) => &s.name,
        Def::Enum(e) => &e.name,
        Def::Union(u) => &u.name,
    }
}

/// ruff's RUF022 order: SCREAMING_CASE constants, then CamelCase, each alphabetically.
fn sorted_exports(mut names: Vec<String>) -> Vec<String> {
    names.sort_by_key(|n| (!n.chars().all(|c| !c.is_ascii_lowercase()), n.clone()));
    names.dedup();
    names
}

/// A docstring indented by `indent` spaces, wrapped to the line length.
fn docstring(doc: &str, indent: usize, fallback: &str) -> String {
    let text = if doc.trim().is_empty() { fallback } else { doc };
    let text = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let pad = " ".repeat(indent);
    let words: Vec<&str> = text.split_whitespace().collect();
    let one = format!("{pad}\"\"\"{}\"\"\"", words.join(" "));
    if one.len() <= WIDTH {
        return one + "\n";
    }
    let mut lines = vec![String::new()];
    for word in words {
        let first = lines.len() == 1;
        let Some(line) = lines.last_mut() else { break };
        let used = pad.len() + line.len() + if first { 3 } else { 0 };
        if !line.is_empty() && used + 1 + word.len() > WIDTH {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    let mut out = format!("{pad}\"\"\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(&pad);
        }
        out.push_str(line);
        out.push('\n');
    }
    out + &pad + "\"\"\"\n"
}

/// The official spelling of a plain enum member: the value in capitals, separators dropped.
fn member(value: &str) -> String {
    value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

fn enum_class(o: &mut Out, e: &Enum) {
    if e.open {
        o.body.push_str("@open_enum\n");
    }
    let _ = writeln!(o.body, "class {}(str, Enum):", e.name);
    o.body.push_str(&docstring(
        &e.doc,
        4,
        &format!("The `{}` values of the protocol.", e.name),
    ));
    o.body.push('\n');
    for (value, _) in &e.values {
        let _ = writeln!(o.body, "    {} = \"{value}\"", member(value));
    }
    o.body.push_str("\n\n");
    o.exports.push(e.name.clone());
}

fn ty(o: &mut Out, model: &Model, t: &Ty) -> Result<String, String> {
    Ok(match t {
        Ty::String => "str".into(),
        Ty::Bool => "bool".into(),
        Ty::Int { .. } => "int".into(),
        Ty::Float => "float".into(),
        Ty::Timestamp => {
            o.datetime = true;
            "datetime".into()
        }
        Ty::Bytes => "bytes".into(),
        Ty::Null => "None".into(),
        Ty::Any => {
            o.typing.insert("Any");
            "Any".into()
        }
        Ty::Array(inner) => {
            o.typing.insert("List");
            format!("List[{}]", ty(o, model, inner)?)
        }
        Ty::Map(inner) => {
            o.typing.insert("Dict");
            format!("Dict[str, {}]", ty(o, model, inner)?)
        }
        Ty::Ref(name) => match model.get(name) {
            Some(Def::Struct(Struct {
                generic: Some((generic, args)),
                ..
            })) => {
                let args = args
                    .iter()
                    .map(|a| ty(o, model, a))
                    .collect::<Result<Vec<_>, _>>()?;
                format!("{generic}[{}]", args.join(", "))
            }
            Some(_) => name.clone(),
            None => return Err(format!("{name} is referenced but not defined")),
        },
        Ty::Object(_) => return Err("an anonymous object in a domain type".into()),
    })
}

/// `    name: Type` or `    name: Optional[Type] = None`.
fn member_line(o: &mut Out, attr: &str, ty: String, optional: bool) -> String {
    if optional {
        o.typing.insert("Optional");
        format!("    {attr}: Optional[{ty}] = None\n")
    } else {
        format!("    {attr}: {ty}\n")
    }
}

fn attribute(wire: &str) -> Result<String, String> {
    let attr = names::snake(wire);
    // `_model.camel` maps the attribute back to the wire key; both must agree.
    if names::camel(&attr) != wire {
        return Err(format!(
            "the wire key {wire} does not round-trip through {attr}"
        ));
    }
    Ok(attr)
}

fn struct_class(o: &mut Out, model: &Model, s: &Struct) -> Result<(), String> {
    o.body.push_str("@model\n");
    let _ = writeln!(o.body, "class {}(Model):", s.name);
    o.body.push_str(&docstring(&s.doc, 4, &s.name));
    o.body.push('\n');
    let (required, optional): (Vec<&Field>, Vec<&Field>) =
        s.fields.iter().partition(|f| !f.optional());
    let mut lines = String::new();
    for f in required.iter().chain(&optional) {
        let t = ty(o, model, &f.ty).map_err(|e| format!("{}.{}: {e}", s.name, f.wire))?;
        let line = member_line(o, &attribute(&f.wire)?, t, f.optional());
        lines.push_str(&line);
    }
    o.body.push_str(&lines);
    let secret: Vec<String> = s
        .fields
        .iter()
        .filter(|f| f.secret)
        .map(|f| attribute(&f.wire).map(|a| format!("\"{a}\"")))
        .collect::<Result<_, _>>()?;
    if !secret.is_empty() {
        // `repr`/`str` print these as [REDACTED] (see `_model.py`).
        let _ = writeln!(
            o.body,
            "\n    __opkit_secret__ = frozenset({{{}}})",
            secret.join(", ")
        );
    }
    o.body.push_str("\n\n");
    o.exports.push(s.name.clone());
    Ok(())
}

/// The generic behind instances such as `Response_Item_ItemsGetAllError`: its members typed by
/// the type parameters, in order (`content: T`, `error: E`).
fn generic_class(o: &mut Out, s: &Struct, generic: &str) -> Result<(), String> {
    const PARAMS: [&str; 2] = ["T", "E"];
    if s.fields.len() != PARAMS.len() {
        return Err(format!("{generic}: expected {} members", PARAMS.len()));
    }
    o.typing.insert("Generic");
    o.typing.insert("TypeVar");
    o.body.push_str("@model\n");
    let _ = writeln!(o.body, "class {generic}(Model, Generic[T, E]):");
    o.body.push_str(&docstring(
        "One result of a batch call: `content` on success, else `error`.",
        4,
        generic,
    ));
    o.body.push('\n');
    for (f, param) in s.fields.iter().zip(PARAMS) {
        let line = member_line(o, &attribute(&f.wire)?, param.to_owned(), true);
        o.body.push_str(&line);
    }
    o.body.push_str("\n\n");
    o.exports.push(generic.to_owned());
    Ok(())
}

fn upper_first(tag: &str) -> String {
    let mut chars = tag.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// `prefix[a, b]suffix` on one line when it fits, else one item a line with a trailing comma.
fn call(prefix: &str, items: &[String], open: char, close: char) -> String {
    let one = format!("{prefix}{open}{}{close}\n", items.join(", "));
    if one.len() <= WIDTH + 1 {
        return one;
    }
    let mut out = format!("{prefix}{open}\n");
    for item in items {
        let _ = writeln!(out, "    {item},");
    }
    out.push(close);
    out.push('\n');
    out
}

fn union_classes(o: &mut Out, model: &Model, u: &Union) -> Result<(), String> {
    if u.tag != "type" {
        return Err(format!("{}: only unions tagged `type` are types", u.name));
    }
    let tags = format!("{}Types", u.name);
    let _ = writeln!(o.body, "class {tags}(str, Enum):");
    let _ = writeln!(o.body, "    \"\"\"Tags of the `{}` union.\"\"\"\n", u.name);
    for v in &u.variants {
        let _ = writeln!(o.body, "    {} = \"{}\"", names::screaming(&v.tag), v.tag);
    }
    o.body.push_str("\n\n");
    o.exports.push(tags.clone());
    o.typing.insert("Literal");
    let mut classes = Vec::new();
    for v in &u.variants {
        let class = format!("{}{}", u.name, upper_first(&v.tag));
        o.body.push_str("@model\n");
        let _ = writeln!(o.body, "class {class}(Model):");
        o.body.push_str(&docstring(&v.doc, 4, &class));
        o.body.push('\n');
        if let (Some(payload), Some(key)) = (&v.payload, &u.content) {
            let t = match payload {
                // The official package names the text of error variants.
                Ty::String if key == "message" => "ErrorMessage".to_owned(),
                other => ty(o, model, other).map_err(|e| format!("{class}: {e}"))?,
            };
            let optional = v.payload_nullable || !v.payload_required;
            let line = member_line(o, &attribute(key)?, t, optional);
            o.body.push_str(&line);
        }
        let tag = format!("{tags}.{}", names::screaming(&v.tag));
        let line = format!("    type: Literal[{tag}] = {tag}\n");
        if line.len() <= WIDTH + 1 {
            o.body.push_str(&line);
        } else {
            let _ = write!(
                o.body,
                "    type: Literal[{tag}] = (\n        {tag}\n    )\n"
            );
        }
        o.body.push_str("\n\n");
        o.exports.push(class.clone());
        classes.push(class);
    }
    match classes.as_slice() {
        [one] => {
            // The official package exports a one-variant union's alias, not the `Union[...]` ones.
            let _ = writeln!(o.body, "{} = {one}", u.name);
            o.exports.push(u.name.clone());
        }
        _ => {
            o.typing.insert("Union");
            o.body
                .push_str(&call(&format!("{} = Union", u.name), &classes, '[', ']'));
        }
    }
    let mut args = vec![format!("\"{}\"", u.name)];
    args.extend(classes);
    if u.open {
        // Unknown tags from a newer core stay plain dicts, sent back unchanged.
        args.push("open=True".into());
    }
    o.body.push_str(&call("union", &args, '(', ')'));
    o.body.push_str("\n\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_official_package() {
        assert_eq!(member("externalAccountManagers"), "EXTERNALACCOUNTMANAGERS");
        assert_eq!(member("SshKey"), "SSHKEY");
        assert_eq!(
            upper_first("sSHKeyMetadataNotFound"),
            "SSHKeyMetadataNotFound"
        );
        assert_eq!(
            names::screaming("sSHKeyMetadataNotFound"),
            "S_SH_KEY_METADATA_NOT_FOUND"
        );
        assert_eq!(build_number("0.1.0").as_deref(), Ok("0010000"));
        assert_eq!(build_number("1.12.3-rc.1").as_deref(), Ok("1120300"));
        assert!(build_number("1.2").is_err());
        assert_eq!(
            sorted_exports(vec!["Vault".into(), "READ_ITEMS".into(), "Item".into()]),
            ["READ_ITEMS", "Item", "Vault"]
        );
    }

    #[test]
    fn long_docstrings_wrap_within_the_line_length() {
        let doc = "word ".repeat(60);
        let text = docstring(&doc, 4, "x");
        assert!(text.lines().all(|l| l.len() <= WIDTH), "{text}");
        assert!(text.starts_with("    \"\"\"word") && text.ends_with("    \"\"\"\n"));
    }
}
