//! The Go binding's type files (`bindings/op-go/{types,enums,unions,error_types,invocations,version}.go`).
//!
//! The official Go SDK's spellings are the contract: Go initialisms (`VaultID`, `URL`, `TOTP`,
//! `SSHKey`, `APICredentials`), `New<Union>TypeVariant<X>` constructors with accessors, open string
//! enums, untyped `uint32` permission constants and the generic `Response[T, E]`. Every type that
//! can hold a secret gets `Format`, `String` and `GoString`, so no fmt verb prints a secret; the
//! printing itself lives in the hand-written `redact.go`, the union codec in `union_codec.go`.
//! The types a user sends back (`additionalProperties: true`) keep the members a newer core sends
//! (ADR 0001) through `unknown_members.go`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use super::model::{Def, Enum, Field, Model, Struct, Ty, Union, Variant};
use super::names::snake;
use super::{Output, header};

const DIR: &str = "bindings/op-go";

/// Definitions of the invocation protocol itself, which the Go package reaches through its
/// hand-written methods (the errors are generated from `ErrorName` separately).
const PROTOCOL_DEFS: &[&str] = &["ClientMethod", "SyncMethod", "ErrorEnvelope", "ErrorName"];

/// Words Go spells in capitals, as the official SDK does (`Uuid` stays as it is there).
const INITIALISMS: &[&str] = &["id", "url", "totp", "otp", "ssh", "api"];

/// Type parameter names of generic types, by position.
const TYPE_PARAMS: &[&str] = &["T", "E", "U", "V"];

/// The Go files generated from the model.
pub fn generate(model: &Model) -> Result<Vec<Output>, String> {
    let secret = secret_holders(model);
    let file = |name: &str, body: String| (PathBuf::from(DIR).join(name), body);
    Ok(vec![
        file("types.go", types(model, &secret)?),
        file("enums.go", enums(model)),
        file("unions.go", unions(model, &secret)?),
        file("error_types.go", errors(model)?),
        file("invocations.go", invocations(model)?),
        file("version.go", version(model)),
    ])
}

/// A Go identifier from a wire name: `vaultId` → `VaultID`, `sSHKeyMetadataNotFound` →
/// `SSHKeyMetadataNotFound`, `READ_ITEMS` → `ReadItems`.
pub fn ident(wire: &str) -> String {
    let mut chars = wire.chars();
    let capitalised = match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => return String::new(),
    };
    snake(&capitalised)
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|word| {
            if INITIALISMS.contains(&word) {
                word.to_ascii_uppercase()
            } else {
                let mut c = word.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect()
}

/// Names of the definitions that can hold a secret, directly or through a member.
fn secret_holders(model: &Model) -> BTreeSet<String> {
    let mut holders = BTreeSet::new();
    loop {
        let before = holders.len();
        for (name, def) in &model.defs {
            let holds = match def {
                Def::Struct(s) => s.fields.iter().any(|f| f.secret || refers(&f.ty, &holders)),
                Def::Union(u) => u
                    .variants
                    .iter()
                    .any(|v| v.payload.as_ref().is_some_and(|t| refers(t, &holders))),
                Def::Enum(_) => false,
            };
            if holds {
                holders.insert(name.clone());
            }
        }
        if holders.len() == before {
            return holders;
        }
    }
}

fn refers(ty: &Ty, names: &BTreeSet<String>) -> bool {
    match ty {
        Ty::Ref(name) => names.contains(name),
        Ty::Array(inner) | Ty::Map(inner) => refers(inner, names),
        Ty::Object(fields) => fields.iter().any(|f| f.secret || refers(&f.ty, names)),
        _ => false,
    }
}

fn go_ty(ty: &Ty, model: &Model) -> Result<String, String> {
    Ok(match ty {
        Ty::String => "string".into(),
        Ty::Bool => "bool".into(),
        Ty::Int { format } => match format.as_str() {
            "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64" => {
                format.clone()
            }
            "uint" => "uint".into(),
            "int" => "int".into(),
            _ => "int64".into(),
        },
        Ty::Float => "float64".into(),
        Ty::Timestamp => "time.Time".into(),
        Ty::Bytes => "[]byte".into(),
        Ty::Ref(name) => match model.get(name) {
            Some(Def::Struct(Struct {
                generic: Some((generic, args)),
                ..
            })) => {
                let args = args
                    .iter()
                    .map(|a| go_ty(a, model))
                    .collect::<Result<Vec<_>, _>>()?;
                format!("{}[{}]", ident(generic), args.join(", "))
            }
            Some(_) => ident(name),
            None => return Err(format!("{name} is referenced but not defined")),
        },
        Ty::Array(inner) => format!("[]{}", go_ty(inner, model)?),
        Ty::Map(inner) => format!("map[string]{}", go_ty(inner, model)?),
        Ty::Null => "struct{}".into(),
        Ty::Any => "json.RawMessage".into(),
        Ty::Object(_) => return Err("an anonymous object outside the invocation catalogue".into()),
    })
}

/// Slices and maps stay nil when absent; everything else optional becomes a pointer.
fn is_collection(ty: &Ty) -> bool {
    matches!(ty, Ty::Array(_) | Ty::Map(_) | Ty::Bytes | Ty::Any)
}

/// A member as Go declares it: type and JSON tag.
fn member(field: &Field, ty: String) -> (String, String) {
    if field.optional() {
        let ty = if is_collection(&field.ty) {
            ty
        } else {
            format!("*{ty}")
        };
        (ty, format!("`json:\"{},omitempty\"`", field.wire))
    } else {
        (ty, format!("`json:\"{}\"`", field.wire))
    }
}

/// Width gofmt'd doc comments are wrapped to, indent included.
const DOC_WIDTH: usize = 100;

/// A doc comment, wrapped at [`DOC_WIDTH`].
fn doc_lines(out: &mut String, indent: &str, doc: &str) {
    let room = DOC_WIDTH.saturating_sub(indent.len() * 4 + 3);
    for paragraph in doc.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > room {
                let _ = writeln!(out, "{indent}// {line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if line.is_empty() {
            let _ = writeln!(out, "{indent}//");
        } else {
            let _ = writeln!(out, "{indent}// {line}");
        }
    }
}

/// `// Name: what it is.` from the schema's description.
fn type_doc(out: &mut String, name: &str, doc: &str) {
    if doc.is_empty() {
        let _ = writeln!(out, "// {name} is a wire type of the protocol.");
    } else {
        doc_lines(out, "", &format!("{name}: {}", doc.to_lowercase_first()));
    }
}

fn types(model: &Model, secret: &BTreeSet<String>) -> Result<String, String> {
    let mut body = String::new();
    let mut generics = BTreeMap::new();
    for def in model.defs.values() {
        let Def::Struct(s) = def else { continue };
        if PROTOCOL_DEFS.contains(&s.name.as_str()) {
            continue;
        }
        match &s.generic {
            Some((generic, _)) => {
                let holds = secret.contains(&s.name);
                let entry = generics.entry(generic.clone()).or_insert((s, false));
                entry.1 |= holds;
            }
            None => structure(&mut body, model, s, secret.contains(&s.name))?,
        }
    }
    for (generic, (instance, holds)) in generics {
        generic_structure(&mut body, model, &generic, instance, holds)?;
    }
    let mut out = file_start(&body);
    out.push_str(
        "// The structs of the wire protocol with the official Go names. Members are camelCase on the\n\
         // wire; optional members are pointers, or slices and maps with omitempty.\n",
    );
    out.push_str(&body);
    Ok(out)
}

/// The header, package clause and the imports `body` uses.
fn file_start(body: &str) -> String {
    let mut out = header("//");
    out.push_str("\npackage opkit\n\n");
    let imports: Vec<&str> = [
        ("encoding/json", body.contains("json.")),
        ("fmt", body.contains("fmt.")),
        ("time", body.contains("time.Time")),
    ]
    .into_iter()
    .filter(|(_, used)| *used)
    .map(|(name, _)| name)
    .collect();
    match imports.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(out, "import \"{one}\"\n");
        }
        many => {
            out.push_str("import (\n");
            for name in many {
                let _ = writeln!(out, "\t\"{name}\"");
            }
            out.push_str(")\n\n");
        }
    }
    out
}

fn fields_block(
    out: &mut String,
    model: &Model,
    fields: &[Field],
    ty_of: &dyn Fn(&Field) -> Result<Option<String>, String>,
) -> Result<(), String> {
    let mut rows = Vec::new();
    for field in fields {
        let ty = match ty_of(field)? {
            Some(param) => param,
            None => go_ty(&field.ty, model)?,
        };
        let (ty, tag) = member(field, ty);
        rows.push((vec![ident(&field.wire), ty, tag], field.doc.clone()));
    }
    aligned(out, rows);
    Ok(())
}

fn structure(out: &mut String, model: &Model, s: &Struct, holds: bool) -> Result<(), String> {
    let name = ident(&s.name);
    out.push('\n');
    type_doc(out, &name, &s.doc);
    let _ = writeln!(out, "type {name} struct {{");
    fields_block(out, model, &s.fields, &|_| Ok(None))?;
    if s.keeps_unknown {
        // A string, so that comparable types stay comparable.
        out.push_str(
            "\t// The members this version does not know, as JSON object members, written back unchanged.\n\
             \tunknown string\n",
        );
    }
    out.push_str("}\n");
    if s.keeps_unknown {
        let _ = write!(
            out,
            "\n// MarshalJSON writes the members, and those a newer core sent that this version does not know.\n\
             func (v {name}) MarshalJSON() ([]byte, error) {{\n\
             \ttype wire {name}\n\
             \treturn marshalKeeping(wire(v), v.unknown)\n\
             }}\n\
             \n// UnmarshalJSON reads the members, keeping those this version does not know.\n\
             func (v *{name}) UnmarshalJSON(data []byte) error {{\n\
             \ttype wire {name}\n\
             \treturn unmarshalKeeping(data, (*wire)(v), &v.unknown)\n\
             }}\n"
        );
    }
    // Members kept unknown are never printed: they may be anything, secrets included.
    if holds || s.keeps_unknown {
        let secrets: Vec<String> = s
            .fields
            .iter()
            .filter(|f| f.secret)
            .map(|f| format!("{:?}", ident(&f.wire)))
            .collect();
        redaction(
            out,
            &name,
            "v",
            &format!("formatStruct(f, verb, v{})", list_tail(&secrets)),
        );
    }
    Ok(())
}

fn list_tail(items: &[String]) -> String {
    items.iter().map(|i| format!(", {i}")).collect()
}

/// One Go generic type from one of its instances (`Response_Item_E` → `Response[T, E]`).
fn generic_structure(
    out: &mut String,
    model: &Model,
    generic: &str,
    instance: &Struct,
    holds: bool,
) -> Result<(), String> {
    let Some((_, args)) = &instance.generic else {
        return Err(format!("{} is not a generic instance", instance.name));
    };
    let params: Vec<&str> = (0..args.len())
        .map(|i| {
            TYPE_PARAMS
                .get(i)
                .copied()
                .ok_or("too many type parameters")
        })
        .collect::<Result<_, _>>()?;
    let name = ident(generic);
    out.push('\n');
    type_doc(out, &name, &instance.doc);
    let decl: Vec<String> = params.iter().map(|p| format!("{p} any")).collect();
    let _ = writeln!(out, "type {name}[{}] struct {{", decl.join(", "));
    fields_block(out, model, &instance.fields, &|field| {
        Ok(args
            .iter()
            .position(|a| *a == field.ty)
            .map(|i| params[i].to_owned()))
    })?;
    out.push_str("}\n");
    if holds {
        redaction(
            out,
            &format!("{name}[{}]", params.join(", ")),
            "v",
            "formatStruct(f, verb, v)",
        );
    }
    Ok(())
}

/// A function on one line when gofmt keeps it there (short enough), else over three.
fn func(signature: &str, body: &str) -> String {
    let one_line = format!("{signature} {{ {body} }}\n");
    if one_line.len() <= 90 {
        one_line
    } else {
        format!("{signature} {{\n\t{body}\n}}\n")
    }
}

/// `Format`, `String` and `GoString` for a type that can hold a secret.
fn redaction(out: &mut String, name: &str, receiver: &str, call: &str) {
    let plain = name.split('[').next().unwrap_or(name);
    let _ = write!(
        out,
        "\n// Format prints a {plain} with its secrets redacted, whatever the verb.\n{}\
         \n// String prints a {plain} with its secrets redacted.\n{}\
         \n// GoString prints a {plain} as Go syntax with its secrets redacted.\n{}",
        func(
            &format!("func ({receiver} {name}) Format(f fmt.State, verb rune)"),
            call
        ),
        func(
            &format!("func ({receiver} {name}) String() string"),
            &format!("return fmt.Sprint({receiver})")
        ),
        func(
            &format!("func ({receiver} {name}) GoString() string"),
            &format!("return fmt.Sprintf(\"%#v\", {receiver})")
        ),
    );
}

fn enums(model: &Model) -> String {
    let mut out = header("//");
    out.push_str(
        "\npackage opkit\n\n// The enums of the wire protocol: open string types, so values newer than this package pass\n\
         // through unchanged.\n",
    );
    for def in model.defs.values() {
        let Def::Enum(e) = def else { continue };
        if PROTOCOL_DEFS.contains(&e.name.as_str()) {
            continue;
        }
        enumeration(&mut out, e);
    }
    out.push_str("\n// Vault permissions: bit flags, combine with |.\nconst (\n");
    let width = model
        .permissions
        .iter()
        .map(|(n, _)| ident(n).len())
        .max()
        .unwrap_or(0);
    for (name, bits) in &model.permissions {
        let _ = writeln!(out, "\t{:width$} uint32 = {bits}", ident(name));
    }
    out.push_str(")\n");
    out
}

fn enumeration(out: &mut String, e: &Enum) {
    let name = ident(&e.name);
    out.push('\n');
    type_doc(out, &name, &e.doc);
    let _ = writeln!(
        out,
        "type {name} string\n\n// The values of {name}.\nconst ("
    );
    aligned_consts(
        out,
        e.values
            .iter()
            .map(|(value, doc)| {
                (
                    format!("{name}{}", ident(value)),
                    name.clone(),
                    format!("{value:?}"),
                    doc.clone(),
                )
            })
            .collect(),
    );
    out.push_str(")\n");
}

/// `Name Type = value` lines as gofmt aligns them.
fn aligned_consts(out: &mut String, lines: Vec<(String, String, String, String)>) {
    let rows = lines
        .into_iter()
        .map(|(name, ty, value, doc)| (vec![name, ty, format!("= {value}")], doc))
        .collect();
    aligned(out, rows);
}

/// Tab-indented rows of cells as gofmt aligns them: each row's doc comment above it, and every
/// run of rows without a comment in between sharing its columns (the last cell is not padded).
fn aligned(out: &mut String, rows: Vec<(Vec<String>, String)>) {
    let mut i = 0;
    while i < rows.len() {
        let mut end = i + 1;
        while end < rows.len() && rows[end].1.is_empty() {
            end += 1;
        }
        let columns = rows[i..end].iter().map(|r| r.0.len()).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                rows[i..end]
                    .iter()
                    .filter(|r| c + 1 < r.0.len())
                    .map(|r| r.0[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (cells, doc) in &rows[i..end] {
            doc_lines(out, "\t", doc);
            let mut line = String::from("\t");
            for (c, cell) in cells.iter().enumerate() {
                if c + 1 < cells.len() {
                    let _ = write!(line, "{cell:width$} ", width = widths[c]);
                } else {
                    line.push_str(cell);
                }
            }
            out.push_str(&line);
            out.push('\n');
        }
        i = end;
    }
}

fn unions(model: &Model, secret: &BTreeSet<String>) -> Result<String, String> {
    let mut body = String::new();
    for def in model.defs.values() {
        let Def::Union(u) = def else { continue };
        if PROTOCOL_DEFS.contains(&u.name.as_str()) {
            continue;
        }
        union(&mut body, model, u, secret.contains(&u.name))?;
    }
    let mut out = file_start(&body);
    out.push_str(
        "// The protocol's tagged unions: {<tag>: <variant>, <key>: <content>}, where the content key\n\
         // is \"parameters\", \"content\" or \"message\" depending on the union. Each union is a struct\n\
         // with the exported tag and an unexported payload, built with New<Union>TypeVariant<X> and\n\
         // read with accessors named after the variant (nil or \"\" when the union holds another\n\
         // variant). A tag this package does not know keeps its raw payload, so it survives a round\n\
         // trip unchanged.\n\n\
         // ErrorMessage is the message carried by some variants of the error unions.\n\
         type ErrorMessage string\n",
    );
    out.push_str(&body);
    Ok(out)
}

/// How a variant's payload is held.
enum Payload {
    None,
    Message,
    /// A pointer to a struct.
    Pointer(String),
    /// Any other value.
    Value(String),
}

fn payload(v: &Variant, model: &Model) -> Result<Payload, String> {
    Ok(match &v.payload {
        None | Some(Ty::Null) => Payload::None,
        Some(Ty::String) => Payload::Message,
        Some(ty @ Ty::Ref(name)) if matches!(model.get(name), Some(Def::Struct(_))) => {
            Payload::Pointer(go_ty(ty, model)?)
        }
        Some(ty) => Payload::Value(go_ty(ty, model)?),
    })
}

fn union(out: &mut String, model: &Model, u: &Union, holds: bool) -> Result<(), String> {
    let name = ident(&u.name);
    let tags = format!("{name}Types");
    let key = u.content.clone().unwrap_or_else(|| "content".into());
    let variant = |v: &Variant| format!("{name}TypeVariant{}", ident(&v.tag));
    let _ = writeln!(
        out,
        "\n// {tags} is the tag of {name}.\ntype {tags} string\n\n// The variants of {name}.\nconst ("
    );
    aligned_consts(
        out,
        u.variants
            .iter()
            .map(|v| {
                (
                    variant(v),
                    tags.clone(),
                    format!("{:?}", v.tag),
                    v.doc.clone(),
                )
            })
            .collect(),
    );
    out.push_str(")\n\n");
    type_doc(out, &name, &u.doc);
    let _ = writeln!(
        out,
        "type {name} struct {{\n\tType    {tags} `json:\"{}\"`\n\tcontent any\n}}",
        u.tag
    );
    for v in &u.variants {
        let what = if v.doc.is_empty() {
            String::new()
        } else {
            format!(": {}", v.doc.trim_end_matches('.').to_lowercase_first())
        };
        let ctor = format!("New{}", variant(v));
        out.push('\n');
        doc_lines(
            out,
            "",
            &format!("{ctor} makes the {} variant{what}.", v.tag),
        );
        let _ = match payload(v, model)? {
            Payload::None => writeln!(
                out,
                "func {ctor}() {name} {{\n\treturn {name}{{Type: {}}}\n}}",
                variant(v)
            ),
            Payload::Message => writeln!(
                out,
                "func {ctor}(content ErrorMessage) {name} {{\n\treturn {name}{{Type: {}, content: content}}\n}}",
                variant(v)
            ),
            Payload::Pointer(ty) => writeln!(
                out,
                "func {ctor}(content *{ty}) {name} {{\n\tu := {name}{{Type: {}}}\n\tif content != nil {{\n\t\tu.content = content\n\t}}\n\treturn u\n}}",
                variant(v)
            ),
            Payload::Value(ty) => writeln!(
                out,
                "func {ctor}(content {ty}) {name} {{\n\treturn {name}{{Type: {}, content: content}}\n}}",
                variant(v)
            ),
        };
    }
    for v in &u.variants {
        let accessor = ident(&v.tag);
        let _ = match payload(v, model)? {
            Payload::None => Ok(()),
            Payload::Message => writeln!(
                out,
                "\n// {accessor} returns the message of the {} variant, or \"\".\nfunc (u {name}) {accessor}() ErrorMessage {{\n\tif u.Type != {} {{\n\t\treturn \"\"\n\t}}\n\treturn messageOf(u.content)\n}}",
                v.tag,
                variant(v)
            ),
            Payload::Pointer(ty) => writeln!(
                out,
                "\n// {accessor} returns the content of the {} variant, or nil.\nfunc (u {name}) {accessor}() *{ty} {{\n\tv, _ := u.content.(*{ty})\n\treturn v\n}}",
                v.tag
            ),
            Payload::Value(ty) => writeln!(
                out,
                "\n// {accessor} returns the content of the {} variant (the zero value for another variant).\nfunc (u {name}) {accessor}() {ty} {{\n\tv, _ := u.content.({ty})\n\treturn v\n}}",
                v.tag
            ),
        };
    }
    let _ = writeln!(
        out,
        "\n// MarshalJSON writes {{\"{tag}\", \"{key}\"}}.\nfunc (u {name}) MarshalJSON() ([]byte, error) {{\n\treturn marshalTagged(\"{tag}\", string(u.Type), \"{key}\", u.content)\n}}",
        tag = u.tag
    );
    let _ = writeln!(
        out,
        "\n// UnmarshalJSON reads {{\"{tag}\", \"{key}\"}}.\nfunc (u *{name}) UnmarshalJSON(data []byte) error {{\n\ttag, raw, err := unmarshalTagged(data, \"{tag}\", \"{key}\")\n\tif err != nil {{\n\t\treturn err\n\t}}\n\tvar content any\n\tswitch {tags}(tag) {{",
        tag = u.tag
    );
    for v in &u.variants {
        let decode = match payload(v, model)? {
            Payload::None => "keepRaw(raw)".to_owned(),
            Payload::Message => "decodeMessageOrRaw(raw)".to_owned(),
            Payload::Pointer(ty) => format!("decodeAs[{ty}](raw)"),
            Payload::Value(ty) => format!("decodeValue[{ty}](raw)"),
        };
        let _ = writeln!(out, "\tcase {}:\n\t\tcontent, err = {decode}", variant(v));
    }
    let _ = writeln!(
        out,
        "\tdefault:\n\t\tcontent, err = keepRaw(raw)\n\t}}\n\tif err != nil {{\n\t\treturn err\n\t}}\n\t*u = {name}{{Type: {tags}(tag), content: content}}\n\treturn nil\n}}"
    );
    if holds {
        redaction(
            out,
            &name,
            "u",
            &format!("formatUnion(f, verb, \"{name}\", string(u.Type), u.content)"),
        );
    }
    Ok(())
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for str {
    /// `The parts` → `the parts`, but `SSH keys` and `ID` stay as they are.
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match (chars.next(), chars.clone().next()) {
            (Some(first), Some(second)) if second.is_lowercase() || second == ' ' => {
                first.to_lowercase().to_string() + chars.as_str()
            }
            _ => self.to_owned(),
        }
    }
}

fn errors(model: &Model) -> Result<String, String> {
    let Some(Def::Enum(names)) = model.get("ErrorName") else {
        return Err("the schema has no ErrorName enum".into());
    };
    let type_name = |name: &str| {
        let base = ident(name);
        if base.ends_with("Error") {
            base
        } else {
            format!("{base}Error")
        }
    };
    let mut out = header("//");
    out.push_str(
        "\npackage opkit\n\n// One error type per error name of the protocol, each usable with errors.As. Message is the\n\
         // core's message; Reason the stable reason the core may add (\"NotFound\", \"PermissionDenied\",\n\
         // ...), \"\" when it sends none.\n",
    );
    for (name, doc) in &names.values {
        let ty = type_name(name);
        let doc = if doc.is_empty() {
            format!("{ty} is the error named {name}.")
        } else {
            format!("{ty}: {}", doc.to_lowercase_first())
        };
        out.push('\n');
        doc_lines(&mut out, "", &doc);
        let _ = write!(
            out,
            "type {ty} struct{{ message, reason string }}\n\n{}\n// Name returns {name:?}.\n{}\n\
             // Reason returns the core's reason for the error, or \"\".\n{}",
            func(
                &format!("func (e *{ty}) Error() string"),
                "return e.message"
            ),
            func(
                &format!("func (e *{ty}) Name() string"),
                &format!("return {name:?}")
            ),
            func(
                &format!("func (e *{ty}) Reason() string"),
                "return e.reason"
            ),
        );
    }
    out.push_str(
        "\n// errorNamed is the typed error of a name, an *UnknownError for a name this version does not know.\n\
         func errorNamed(name, message, reason string) error {\n\tswitch name {\n",
    );
    for (name, _) in &names.values {
        let _ = writeln!(
            out,
            "\tcase {name:?}:\n\t\treturn &{}{{message, reason}}",
            type_name(name)
        );
    }
    out.push_str(
        "\tdefault:\n\t\treturn &UnknownError{name: name, message: message, reason: reason}\n\t}\n}\n",
    );
    Ok(out)
}

/// One unexported struct per invocation of the catalogue, so the hand-written methods cannot
/// send a parameter key or an invocation name the core does not read: every key is sent (a nil
/// pointer as null), as the official wrappers send them.
fn invocations(model: &Model) -> Result<String, String> {
    let mut body = String::new();
    let mut seen = BTreeSet::new();
    for catalogue in ["ClientMethod", "SyncMethod"] {
        let Some(Def::Union(u)) = model.get(catalogue) else {
            return Err(format!("the schema has no {catalogue} union"));
        };
        for v in &u.variants {
            if !seen.insert(v.tag.clone()) {
                continue;
            }
            let fields = match &v.payload {
                Some(Ty::Object(fields)) => fields.as_slice(),
                None => &[],
                Some(other) => return Err(format!("{}: parameters {other:?}", v.tag)),
            };
            let name = format!("{}Parameters", super::names::camel(&v.tag));
            let _ = writeln!(
                body,
                "
// {name} are the parameters of {}.",
                v.tag
            );
            if fields.is_empty() {
                let _ = writeln!(body, "type {name} struct{{}}");
            } else {
                let _ = writeln!(body, "type {name} struct {{");
                let mut rows = Vec::new();
                for field in fields {
                    let ty = go_ty(&field.ty, model)?;
                    let ty = if field.optional() && !is_collection(&field.ty) {
                        format!("*{ty}")
                    } else {
                        ty
                    };
                    let tag = format!("`json:\"{}\"`", field.wire);
                    rows.push((vec![ident(&field.wire), ty, tag], field.doc.clone()));
                }
                aligned(&mut body, rows);
                body.push_str("}\n");
            }
            let _ = write!(
                body,
                "\n{}",
                func(
                    &format!("func ({name}) invocationName() string"),
                    &format!("return {:?}", v.tag)
                )
            );
        }
    }
    let mut out = file_start(&body);
    out.push_str(
        "// The invocation catalogue: each invocation's name and parameters, keyed as the core reads them.\n",
    );
    out.push_str(&body);
    Ok(out)
}

/// `0.1.0` → `"0010000"`: the build number the official wrappers send as `sdkVersion`.
fn build_number(version: &str) -> String {
    let mut out: String = version
        .split(['.', '-'])
        .take(3)
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part.to_owned()
            } else {
                format!("{part:0>2}")
            }
        })
        .collect();
    while out.len() < 7 {
        out.push('0');
    }
    out
}

fn version(model: &Model) -> String {
    let mut out = header("//");
    let _ = write!(
        out,
        "\npackage opkit\n\n// Version is this package's version, the opkit workspace version.\nconst Version = {:?}\n\n\
         // sdkVersion is Version as the build number the official wrappers send (`0.1.0` → \"0010000\").\n\
         const sdkVersion = {:?}\n",
        model.version,
        build_number(&model.version)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_names_as_the_official_go_sdk() {
        for (wire, go) in [
            ("vaultId", "VaultID"),
            ("id", "ID"),
            ("url", "URL"),
            ("vaultUuid", "VaultUuid"),
            ("ApiCredentials", "APICredentials"),
            ("SshKey", "SSHKey"),
            ("Totp", "TOTP"),
            ("Otp", "OTP"),
            ("OtpFieldDetails", "OTPFieldDetails"),
            ("sSHKeyMetadataNotFound", "SSHKeyMetadataNotFound"),
            (
                "incompatibleTOTPQueryParameterField",
                "IncompatibleTOTPQueryParameterField",
            ),
            ("unableToGenerateTotpCode", "UnableToGenerateTOTPCode"),
            (
                "unableToFormatPrivateKeyToOpenSsh",
                "UnableToFormatPrivateKeyToOpenSSH",
            ),
            ("userCreated", "UserCreated"),
            ("REVEAL_ITEM_PASSWORD", "RevealItemPassword"),
            ("ItemApi", "ItemAPI"),
        ] {
            assert_eq!(ident(wire), go, "{wire}");
        }
        assert_eq!(build_number("0.1.0"), "0010000");
        assert_eq!(build_number("0.4.12"), "0041200");
        assert_eq!(build_number("1.2.3-rc.1"), "1020300");
    }

    #[test]
    fn the_real_schema_gives_the_official_shapes() {
        let path = crate::root().join(crate::schema::SCHEMA_PATH);
        let text = std::fs::read_to_string(path).unwrap();
        let model = Model::from_schema(&serde_json::from_str(&text).unwrap()).unwrap();
        let files: BTreeMap<String, String> = generate(&model)
            .unwrap()
            .into_iter()
            .map(|(p, c)| (p.file_name().unwrap().to_string_lossy().into_owned(), c))
            .collect();
        let types = &files["types.go"];
        assert!(types.contains("\tVaultID string `json:\"vaultId\"`"));
        assert!(types.contains("\tNotes *string `json:\"notes,omitempty\"`"));
        assert!(types.contains("type Response[T any, E any] struct {"));
        assert!(types.contains(
            "IndividualResponses map[string]Response[struct{}, ItemUpdateFailureReason]"
        ));
        assert!(types.contains("func (v Item) Format(f fmt.State, verb rune) {"));
        assert!(types.contains("formatStruct(f, verb, v, \"Value\")"));
        assert!(types.contains("func (v Website) Format"));
        assert!(!types.contains("func (v VaultOverview) Format"));
        assert!(types.contains("\tunknown string\n}\n\n// MarshalJSON"));
        assert!(types.contains("func (v *ItemField) UnmarshalJSON(data []byte) error {"));
        assert!(!types.contains("func (v *ItemOverview) UnmarshalJSON"));
        let unions = &files["unions.go"];
        assert!(unions.contains(
            "func NewItemFieldDetailsTypeVariantOTP(content *OTPFieldDetails) ItemFieldDetails {"
        ));
        assert!(unions.contains("func (u ItemFieldDetails) Format("));
        assert!(!unions.contains("func (u PasswordRecipe) Format("));
        assert!(files["enums.go"].contains("ItemCategoryAPICredentials"));
        assert!(files["error_types.go"].contains("type ItemAPIError struct"));
        let invocations = &files["invocations.go"];
        assert!(invocations.contains(
            "type itemsCreateParameters struct {\n\tParams ItemCreateParams `json:\"params\"`\n}"
        ));
        assert!(invocations.contains("\tParams *VaultListParams `json:\"params\"`"));
        assert!(invocations.contains("func (generatePasswordParameters) invocationName() string { return \"GeneratePassword\" }"));
        assert!(files["version.go"].contains(&format!("const Version = {:?}", model.version)));
    }
}
