//! Runs the built `opkit` against a vault file and a config dir in a fresh temp dir, with every
//! per-user location (HOME, XDG dirs) pointed inside it so the real user's files are never touched.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const PASSWORD: &str = "correct horse battery staple";
/// The password of the `DB` item made by [`Env::workflows`].
pub const DB_PASSWORD: &str = "hunter2-Very-Secret";
/// RFC 6238's SHA1 seed.
pub const TOTP_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// A multi-line value with a trailing newline, like a PEM key.
pub const PEM: &str = "-----BEGIN TEST KEY-----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ\r\nQDx+/tabs\there==\n-----END TEST KEY-----\n";

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub config: PathBuf,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().expect("opkit was killed by a signal"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {}", self.stdout))
    }

    /// The `{"error": {"name", "message"}}` line of a json-mode failure.
    pub fn error(&self) -> (String, String) {
        let line = self
            .stderr
            .lines()
            .find(|l| l.starts_with("{\"error\""))
            .unwrap_or_else(|| panic!("no JSON error on stderr: {}", self.stderr));
        let v: Value = serde_json::from_str(line).unwrap();
        (
            v["error"]["name"].as_str().unwrap().to_owned(),
            v["error"]["message"].as_str().unwrap().to_owned(),
        )
    }
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("v.opkit");
        let config = dir.path().join("cfg");
        Self { dir, db, config }
    }

    /// `opkit` with the bootstrap environment of docs/cli.md.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_opkit"));
        for var in [
            "OPKIT_DB",
            "OPKIT_PASSWORD",
            "OPKIT_SECRET_KEY",
            "OPKIT_CONFIG_DIR",
            "OPKIT_KDF",
            "OP_SERVICE_ACCOUNT_TOKEN",
        ] {
            cmd.env_remove(var);
        }
        let home = self.dir.path().join("home");
        cmd.args(args)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("OPKIT_DB", &self.db)
            .env("OPKIT_PASSWORD", PASSWORD)
            .env("OPKIT_KDF", "testing")
            .env("OPKIT_CONFIG_DIR", &self.config)
            .stdin(Stdio::null());
        cmd
    }

    /// Runs and returns the raw output (byte-exact checks).
    pub fn raw(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// An account with a `Prod` vault holding `DB` (username, password, a section with host and
    /// a TOTP seed, and a multi-line key) and an empty `Staging` vault.
    pub fn workflows(&self) -> (String, String) {
        self.bootstrap("Prod");
        let staging = self
            .run(&["vault", "create", "Staging", "--format", "json"])
            .ok()
            .json();
        let item = self
            .run(&[
                "item",
                "create",
                "--vault",
                "Prod",
                "--title",
                "DB",
                "--format",
                "json",
                "username=alice",
                &format!("password={DB_PASSWORD}"),
                "Conn.host[text]=db1.internal",
                &format!("Conn.otp[otp]={TOTP_SEED}"),
                &format!("key[password]={PEM}"),
            ])
            .ok()
            .json();
        (
            item["id"].as_str().unwrap().to_owned(),
            staging["id"].as_str().unwrap().to_owned(),
        )
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().unwrap())
    }

    pub fn run_cmd(mut cmd: Command) -> Run {
        Run::from(cmd.output().unwrap())
    }

    /// Runs with `input` on stdin.
    pub fn run_stdin(&self, args: &[&str], input: &str) -> Run {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        Run::from(child.wait_with_output().unwrap())
    }

    /// An account and a vault titled `vault`; returns (account json, vault id).
    pub fn bootstrap(&self, vault: &str) -> (Value, String) {
        let account = self
            .run(&["account", "create", "--name", "Test", "--format", "json"])
            .ok()
            .json();
        let vault = self
            .run(&["vault", "create", vault, "--format", "json"])
            .ok()
            .json();
        (account, vault["id"].as_str().unwrap().to_owned())
    }

    /// `service-account create` in json mode; returns (id, token).
    pub fn service_account(&self, name: &str, grants: &[&str]) -> (String, String) {
        let mut args = vec![
            "service-account",
            "create",
            "--name",
            name,
            "--format",
            "json",
        ];
        for g in grants {
            args.extend(["--vault", g]);
        }
        let v = self.run(&args).ok().json();
        (
            v["id"].as_str().unwrap().to_owned(),
            v["token"].as_str().unwrap().to_owned(),
        )
    }
}

/// A `ClientConfig` for `init_client`.
pub fn client_config(token: &str) -> Value {
    serde_json::json!({
        "serviceAccountToken": token, "programmingLanguage": "Shell", "sdkVersion": "0010000",
        "integrationName": "opkit cli tests", "integrationVersion": "1.0", "requestLibraryName": "none",
        "requestLibraryVersion": "none", "os": "linux", "osVersion": "0.0.0", "architecture": "x86_64"
    })
}

/// One `{"fn", "arg"}` request line for `opkit invoke`.
pub fn request(function: &str, arg: Value) -> String {
    format!("{}\n", serde_json::json!({"fn": function, "arg": arg}))
}

/// An `invoke` payload for `client`.
pub fn invocation(client: u64, name: &str, parameters: Value) -> Value {
    serde_json::json!({"invocation": {"clientId": client, "parameters": {"name": name, "parameters": parameters}}})
}

/// A running `opkit invoke` spoken to one request at a time.
pub struct Peer {
    pub child: std::process::Child,
    pub stdin: Option<std::process::ChildStdin>,
    stdout: std::io::BufReader<std::process::ChildStdout>,
}

impl Peer {
    pub fn spawn(env: &Env) -> Self {
        let mut child = env
            .command(&["invoke"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        Self {
            child,
            stdin,
            stdout,
        }
    }

    /// Sends a request without waiting for its reply.
    pub fn send(&mut self, function: &str, arg: Value) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(request(function, arg).as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Sends a request and reads its reply: `Ok(result text)` or `Err(error text)`.
    pub fn call(&mut self, function: &str, arg: Value) -> Result<String, String> {
        use std::io::BufRead;
        self.send(function, arg);
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        let reply: Value = serde_json::from_str(&line).unwrap();
        match (reply.get("ok"), reply.get("err")) {
            (Some(ok), _) => Ok(ok.as_str().unwrap().to_owned()),
            (_, Some(err)) => Err(err.as_str().unwrap().to_owned()),
            _ => panic!("bad reply {line}"),
        }
    }

    /// `init_client` with `token`; returns the client id.
    pub fn client(&mut self, token: &str) -> u64 {
        self.call("init_client", client_config(token))
            .unwrap()
            .parse()
            .unwrap()
    }
}
