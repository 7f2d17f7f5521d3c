//! Runs `opkit run`'s command: its stdout and stderr pass through a [`Masker`] (on a pty when
//! opkit's own stream is a terminal, else on a pipe), signals sent to opkit are forwarded, and the
//! exit code is the command's (128 + N when a signal N ended it, as shells report it).
//!
//! The command stays in opkit's process group and session, so it keeps the terminal: `/dev/tty`
//! prompts work, it reads the terminal as stdin, and Ctrl-C / Ctrl-\ reach it straight from the
//! terminal; opkit then forwards SIGINT and SIGQUIT only when it is not in the terminal's
//! foreground (a supervisor's `kill -INT`). SIGTERM, SIGHUP, SIGUSR1, SIGUSR2 are always forwarded.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::thread::JoinHandle;

use op_cli::mask::Masker;
use op_core::SecretString;

use crate::exit::{CliError, CliResult};

/// What to run.
pub struct Launch<'a> {
    /// The program.
    pub program: &'a OsString,
    /// Its arguments.
    pub args: &'a [OsString],
    /// Its whole environment.
    pub env: Vec<(OsString, OsString)>,
    /// Values to mask in its output; none means plain inherited stdio.
    pub secrets: Vec<SecretString>,
}

#[derive(Clone, Copy)]
enum Stream {
    Out,
    Err,
}

impl Stream {
    fn write_all(self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Self::Out => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush())
            }
            Self::Err => {
                let mut err = std::io::stderr().lock();
                err.write_all(bytes).and_then(|()| err.flush())
            }
        }
    }

    #[cfg(unix)]
    fn is_terminal(self) -> bool {
        use std::io::IsTerminal;
        match self {
            Self::Out => std::io::stdout().is_terminal(),
            Self::Err => std::io::stderr().is_terminal(),
        }
    }
}

/// Copies `from` to our `to` through a masker until end of stream. A pty reports the end as EIO
/// once the command and all its children have closed it.
fn pump(mut from: impl Read + Send + 'static, to: Stream, mut masker: Masker) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            match from.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let out = masker.push(&buf[..n]);
                    // If our side is gone there is nobody to show output to; keep draining so
                    // the command is not blocked on a full pipe.
                    let _ = to.write_all(&out);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = to.write_all(&masker.finish());
    })
}

fn masker(secrets: &[SecretString]) -> Masker {
    Masker::new(secrets.iter().map(|s| s.expose_secret().as_bytes()))
}

/// Runs the command to completion.
pub async fn run(launch: Launch<'_>) -> CliResult<ExitCode> {
    let mut cmd = Command::new(launch.program);
    cmd.args(launch.args).env_clear().envs(launch.env);
    let masking = !launch.secrets.is_empty();
    let mut pumps = Vec::new();
    #[cfg(unix)]
    let mut masters: Vec<(std::os::fd::OwnedFd, Stream)> = Vec::new();
    if masking {
        for stream in [Stream::Out, Stream::Err] {
            #[cfg(unix)]
            if stream.is_terminal() {
                let pty = match stream {
                    Stream::Out => crate::pty::open(std::io::stdout()),
                    Stream::Err => crate::pty::open(std::io::stderr()),
                }
                .map_err(|e| {
                    CliError::io("could not open a pseudo-terminal for the command", &e)
                })?;
                let reader = pty.master.try_clone().map_err(|e| {
                    CliError::io("could not open a pseudo-terminal for the command", &e)
                })?;
                pumps.push(pump(
                    std::fs::File::from(reader),
                    stream,
                    masker(&launch.secrets),
                ));
                match stream {
                    Stream::Out => cmd.stdout(Stdio::from(pty.slave)),
                    Stream::Err => cmd.stderr(Stdio::from(pty.slave)),
                };
                masters.push((pty.master, stream));
                continue;
            }
            match stream {
                Stream::Out => cmd.stdout(Stdio::piped()),
                Stream::Err => cmd.stderr(Stdio::piped()),
            };
        }
    }
    #[cfg(unix)]
    let listeners = Listeners::new()?;
    let spawned = cmd.spawn();
    // The Command holds our copies of the pty slaves: drop them, or the pumps never see the end.
    drop(cmd);
    let mut child = spawned.map_err(|e| {
        CliError::io(
            format!("could not start {}", launch.program.to_string_lossy()),
            &e,
        )
    })?;
    if let Some(out) = child.stdout.take() {
        pumps.push(pump(out, Stream::Out, masker(&launch.secrets)));
    }
    if let Some(err) = child.stderr.take() {
        pumps.push(pump(err, Stream::Err, masker(&launch.secrets)));
    }
    drop(launch.secrets);
    #[cfg(unix)]
    let status = supervise(child, listeners, &masters).await?;
    #[cfg(not(unix))]
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .map_err(|e| CliError::Io(format!("lost the command: {e}")))?
        .map_err(|e| CliError::io("could not wait for the command", &e))?;
    for p in pumps {
        let _ = tokio::task::spawn_blocking(move || p.join()).await;
    }
    Ok(exit_code(status))
}

fn exit_code(status: std::process::ExitStatus) -> ExitCode {
    if let Some(code) = status.code() {
        return ExitCode::from(u8::try_from(code & 0xff).unwrap_or(1));
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return ExitCode::from(u8::try_from(128 + (signal & 0x7f)).unwrap_or(1));
        }
    }
    ExitCode::FAILURE
}

/// The signals opkit forwards, listened to from before the command starts (a signal arriving
/// in between would otherwise end opkit and orphan the command).
#[cfg(unix)]
struct Listeners {
    int: tokio::signal::unix::Signal,
    quit: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
    usr1: tokio::signal::unix::Signal,
    usr2: tokio::signal::unix::Signal,
    winch: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Listeners {
    fn new() -> CliResult<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        let listen = |kind: SignalKind| {
            signal(kind).map_err(|e| CliError::io("could not listen for signals", &e))
        };
        Ok(Self {
            int: listen(SignalKind::interrupt())?,
            quit: listen(SignalKind::quit())?,
            term: listen(SignalKind::terminate())?,
            hup: listen(SignalKind::hangup())?,
            usr1: listen(SignalKind::user_defined1())?,
            usr2: listen(SignalKind::user_defined2())?,
            winch: listen(SignalKind::window_change())?,
        })
    }
}

/// Waits for the child while forwarding signals and window-size changes.
#[cfg(unix)]
async fn supervise(
    child: std::process::Child,
    listeners: Listeners,
    masters: &[(std::os::fd::OwnedFd, Stream)],
) -> CliResult<std::process::ExitStatus> {
    use rustix::process::{Pid, Signal, kill_process};

    let mut child = child;
    let Listeners {
        mut int,
        mut quit,
        mut term,
        mut hup,
        mut usr1,
        mut usr2,
        mut winch,
    } = listeners;
    let pid = Pid::from_child(&child);
    let terminal_delivers = crate::pty::terminal_signals_reach_child();
    let mut waiter = tokio::task::spawn_blocking(move || child.wait());
    let forward = |signal: Signal| {
        // The child may already be gone; nothing is left to deliver to then.
        let _ = kill_process(pid, signal);
    };
    loop {
        tokio::select! {
            status = &mut waiter => {
                return status
                    .map_err(|e| CliError::Io(format!("lost the command: {e}")))?
                    .map_err(|e| CliError::io("could not wait for the command", &e));
            }
            _ = int.recv() => if !terminal_delivers { forward(Signal::INT) },
            _ = quit.recv() => if !terminal_delivers { forward(Signal::QUIT) },
            _ = term.recv() => forward(Signal::TERM),
            _ = hup.recv() => forward(Signal::HUP),
            _ = usr1.recv() => forward(Signal::USR1),
            _ = usr2.recv() => forward(Signal::USR2),
            _ = winch.recv() => {
                for (master, stream) in masters {
                    match stream {
                        Stream::Out => crate::pty::copy_size(std::io::stdout(), master),
                        Stream::Err => crate::pty::copy_size(std::io::stderr(), master),
                    }
                }
                // The terminal signals the whole foreground group, the command included.
                if !terminal_delivers { forward(Signal::WINCH) }
            }
        }
    }
}
