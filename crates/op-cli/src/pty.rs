//! Pseudo-terminals for `opkit run`: when opkit's stdout (or stderr) is a terminal, the command
//! gets a pty there instead of a pipe, so it still sees a terminal (colours, progress bars, the
//! window size) while opkit reads and masks what it writes.

use std::io;
use std::os::fd::{AsFd, OwnedFd};

use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{
    OptionalActions, OutputModes, tcgetattr, tcgetwinsize, tcsetattr, tcsetwinsize,
};

/// Both ends of a new pseudo-terminal.
pub struct Pty {
    /// opkit's end: what the command writes is read here.
    pub master: OwnedFd,
    /// The command's end (its stdout or stderr).
    pub slave: OwnedFd,
}

/// Opens a pty the size of the terminal `like`, passing bytes through unchanged (no `\n` to
/// `\r\n` translation: opkit's own terminal does that once when the bytes reach it).
pub fn open(like: impl AsFd) -> io::Result<Pty> {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)?;
    grantpt(&master)?;
    unlockpt(&master)?;
    let name = ptsname(&master, Vec::new())?;
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let mut modes = tcgetattr(&slave)?;
    modes.output_modes.remove(OutputModes::OPOST);
    tcsetattr(&slave, OptionalActions::Now, &modes)?;
    copy_size(like, &master);
    Ok(Pty { master, slave })
}

/// Gives the pty `master` the window size of the terminal `like` (best effort: a size is a nicety).
pub fn copy_size(like: impl AsFd, master: impl AsFd) {
    if let Ok(size) = tcgetwinsize(like) {
        let _ = tcsetwinsize(master, size);
    }
}

/// Whether a terminal's SIGINT and SIGQUIT (Ctrl-C, Ctrl-\) already reach the command: true when
/// opkit's process group, which the command shares, is the foreground group of its terminal.
pub fn terminal_signals_reach_child() -> bool {
    let Ok(tty) = rustix::fs::open(
        "/dev/tty",
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    ) else {
        return false;
    };
    rustix::termios::tcgetpgrp(&tty).is_ok_and(|fg| fg == rustix::process::getpgrp())
}
