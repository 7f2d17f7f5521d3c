//! `opkit run` end to end: references in the environment and in dotenv files, masking (also of a
//! secret split across writes), the pseudo-terminal the command sees, signal forwarding and exit
//! codes. Every command runs against a real vault file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::os::fd::OwnedFd;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use common::{DB_PASSWORD, Env, PEM};

const MASK: &str = "<concealed by opkit>";

fn run_sh(env: &Env, extra: &[&str], script: &str) -> common::Run {
    let mut args = vec!["run"];
    args.extend_from_slice(extra);
    args.extend(["--", "sh", "-c", script]);
    let mut cmd = env.command(&args);
    cmd.env("PW", "op://Prod/DB/password");
    Env::run_cmd(cmd)
}

#[test]
fn references_in_the_environment_are_resolved_and_masked() {
    let env = Env::new();
    env.workflows();
    let r = run_sh(
        &env,
        &[],
        "echo \"out $PW\"; echo \"err $PW\" >&2; test \"$PW\" = 'hunter2-Very-Secret' && echo same",
    )
    .ok();
    assert_eq!(r.stdout, format!("out {MASK}\nsame\n"));
    assert_eq!(r.stderr, format!("err {MASK}\n"));
    let r = run_sh(&env, &["--no-masking"], "echo \"$PW\"").ok();
    assert_eq!(r.stdout, format!("{DB_PASSWORD}\n"));
}

#[test]
fn a_secret_split_across_writes_is_still_masked() {
    let env = Env::new();
    env.workflows();
    // Two writes with a pause between: the first half must be held back, not printed.
    let script = "printf '%s' \"$PW\" | head -c 6; sleep 0.3; printf '%s' \"$PW\" | tail -c +7; echo ' end'; \
                  printf 'hunter'; sleep 0.2; printf 'ish\\n'";
    let r = run_sh(&env, &[], script).ok();
    assert_eq!(r.stdout, format!("{MASK} end\nhunterish\n"));
    assert!(!r.stdout.contains("hunter2"));
}

#[test]
fn multi_line_values_reach_the_command_byte_exact_and_every_line_is_masked() {
    let env = Env::new();
    env.workflows();
    let mut cmd = env.command(&[
        "run",
        "--no-masking",
        "--",
        "sh",
        "-c",
        "printf '%s' \"$KEY\"",
    ]);
    cmd.env("KEY", "op://Prod/DB/key");
    assert_eq!(Env::run_cmd(cmd).ok().stdout, PEM);
    let mut cmd = env.command(&[
        "run",
        "--",
        "sh",
        "-c",
        "printf '%s' \"$KEY\"; printf '%s' \"$KEY\" | sed -n 2p",
    ]);
    cmd.env("KEY", "op://Prod/DB/key");
    let out = Env::run_cmd(cmd).ok().stdout;
    assert_eq!(
        out,
        format!("{MASK}{MASK}\r\n"),
        "the whole key, then its second line alone (CRLF)"
    );
}

#[test]
fn dotenv_files_with_every_syntax() {
    let env = Env::new();
    env.workflows();
    let file = env.dir.path().join(".env");
    std::fs::write(
        &file,
        "# a comment\nexport USER_NAME=op://Prod/DB/username # trailing comment\nHOST=\"op://${VAULT_NAME}/DB/Conn/host\"\n\
         PLAIN=\"two\\nlines\"\nMULTI='a\nb'\nKEY=op://Prod/DB/key\nOVERRIDDEN=file\n",
    )
    .unwrap();
    let second = env.dir.path().join("second.env");
    std::fs::write(&second, "OVERRIDDEN=second\n").unwrap();
    let script = "printf '[%s]' \"$USER_NAME\" \"$HOST\" \"$PLAIN\" \"$MULTI\" \"$KEY\" \"$OVERRIDDEN\" \"$FROM_ENV\"";
    let mut cmd = env.command(&[
        "run",
        "--no-masking",
        "--env-file",
        file.to_str().unwrap(),
        "--env-file",
        second.to_str().unwrap(),
        "--",
        "sh",
        "-c",
        script,
    ]);
    cmd.env("VAULT_NAME", "Prod")
        .env("OVERRIDDEN", "env")
        .env("FROM_ENV", "kept");
    let out = Env::run_cmd(cmd).ok().stdout;
    assert_eq!(
        out,
        format!("[alice][db1.internal][two\nlines][a\nb][{PEM}][second][kept]")
    );
    // A single-quoted reference is literal: `${VAULT_NAME}` stays, and the core refuses the `$`.
    std::fs::write(
        &file,
        "A=1\n\nexport LITERAL='op://${VAULT_NAME}/DB/password'\n",
    )
    .unwrap();
    let mut cmd = env.command(&[
        "run",
        "--env-file",
        file.to_str().unwrap(),
        "--format",
        "json",
        "--",
        "true",
    ]);
    cmd.env("VAULT_NAME", "Prod");
    let r = Env::run_cmd(cmd);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.error().1.contains("line 3 (LITERAL)"), "{}", r.error().1);
    assert!(r.error().1.contains("'$'"), "{}", r.error().1);
}

#[test]
fn bad_env_files_and_references_fail_before_the_command_runs() {
    let env = Env::new();
    env.workflows();
    let marker = env.dir.path().join("ran");
    let script = format!("touch {}", marker.display());
    let bad = env.dir.path().join("bad.env");
    for (content, code, needle) in [
        ("A=1\nB='open\n", 5, "line 2"),
        ("X=op://Prod/DB/nope\n", 4, "X"),
        ("X=op://${NOT_SET}/DB/password\n", 5, "NOT_SET"),
    ] {
        std::fs::write(&bad, content).unwrap();
        let r = env.run(&[
            "run",
            "--env-file",
            bad.to_str().unwrap(),
            "--format",
            "json",
            "--",
            "sh",
            "-c",
            &script,
        ]);
        assert_eq!(r.code, code, "{content}: {}", r.stderr);
        assert!(r.error().1.contains(needle), "{}", r.error().1);
        assert!(!marker.exists(), "the command must not run");
    }
    let r = env.run(&["run", "--env-file", "/nonexistent.env", "--", "true"]);
    assert_eq!(r.code, 1);
    let r = env.run(&["run", "--", "/nonexistent/program"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("could not start"), "{}", r.stderr);
    assert_eq!(env.run(&["run"]).code, 2, "a command is required");
}

#[test]
fn exit_codes_are_the_commands() {
    let env = Env::new();
    env.workflows();
    assert_eq!(run_sh(&env, &[], "exit 7").code, 7);
    assert_eq!(run_sh(&env, &[], "kill -KILL $$").code, 128 + 9);
    // Without references there is no masking, and the code still passes through.
    assert_eq!(env.run(&["run", "--", "sh", "-c", "exit 3"]).code, 3);
}

/// Starts `opkit run` in its own process group (so it is never a terminal's foreground, as under
/// a supervisor) and waits until the command printed `ready`.
fn start_trapping(
    env: &Env,
    extra: &[&str],
) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let script = "trap 'echo got-TERM; exit 42' TERM; trap 'echo got-INT; exit 43' INT; trap 'echo got-USR1' USR1; \
                  echo ready $PW; while :; do sleep 0.05; done";
    let mut args = vec!["run"];
    args.extend_from_slice(extra);
    args.extend(["--", "sh", "-c", script]);
    let mut cmd = env.command(&args);
    cmd.env("PW", "op://Prod/DB/password")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = cmd.spawn().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    if !line.starts_with("ready") {
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        panic!(
            "no ready line ({line:?}); exit {:?}; stderr: {err}",
            child.wait()
        );
    }
    (child, out)
}

fn kill(child: &std::process::Child, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn signals_are_forwarded_to_the_command() {
    let env = Env::new();
    env.workflows();
    for (extra, masked) in [(&[][..], true), (&["--no-masking"][..], false)] {
        let (mut child, mut out) = start_trapping(&env, extra);
        kill(&child, "-USR1");
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        assert_eq!(line, "got-USR1\n");
        kill(&child, "-TERM");
        let mut rest = String::new();
        out.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "got-TERM\n");
        assert_eq!(child.wait().unwrap().code(), Some(42), "masked: {masked}");

        let (mut child, mut out) = start_trapping(&env, extra);
        kill(&child, "-INT");
        let mut rest = String::new();
        out.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "got-INT\n");
        assert_eq!(child.wait().unwrap().code(), Some(43));
    }
}

fn open_pty(rows: u16, cols: u16) -> (OwnedFd, OwnedFd) {
    use rustix::fs::{Mode, OFlags};
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY,
        Mode::empty(),
    )
    .unwrap();
    let size = rustix::termios::Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    rustix::termios::tcsetwinsize(&master, size).unwrap();
    (master, slave)
}

/// Everything written to the pty until the last writer closes it (Linux then reports EIO).
fn drain(master: OwnedFd) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut file = std::fs::File::from(master);
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = file.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    })
}

#[test]
fn on_a_terminal_the_command_gets_a_terminal_of_the_same_size_and_output_is_masked() {
    let env = Env::new();
    env.workflows();
    let (master, slave) = open_pty(40, 100);
    let script = "test -t 1 && echo stdout-is-a-tty; test -t 2 || echo stderr-is-not; stty size <&1; \
                  printf 'pw=%s\\n' \"$PW\"; echo \"e $PW\" >&2";
    let mut cmd = env.command(&["run", "--", "sh", "-c", script]);
    cmd.env("PW", "op://Prod/DB/password")
        .stdout(Stdio::from(slave))
        .stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    drop(cmd);
    let reader = drain(master);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let seen = String::from_utf8(reader.join().unwrap()).unwrap();
    // Our test pty translates \n to \r\n once, as any terminal does.
    assert_eq!(
        seen,
        format!("stdout-is-a-tty\r\nstderr-is-not\r\n40 100\r\npw={MASK}\r\n")
    );
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!("e {MASK}\n")
    );
}

#[test]
fn with_no_masking_the_command_writes_to_our_terminal_directly() {
    let env = Env::new();
    env.workflows();
    let (master, slave) = open_pty(24, 80);
    let mut cmd = env.command(&[
        "run",
        "--no-masking",
        "--",
        "sh",
        "-c",
        "test -t 1 && printf '%s' \"$PW\"",
    ]);
    cmd.env("PW", "op://Prod/DB/password")
        .stdout(Stdio::from(slave));
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    let reader = drain(master);
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert_eq!(
        String::from_utf8(reader.join().unwrap()).unwrap(),
        DB_PASSWORD
    );
}
