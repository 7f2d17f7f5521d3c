//! Which variables `opkit run` keeps out of the command it starts: opkit's own credentials (the
//! command needs the resolved secrets, never the keys to the whole account) and names that hand
//! code execution to whoever controls an Environment's variables.

/// The credential variables opkit itself reads. A child gets none of them unless
/// `--pass-credential NAME` names it, and their values are masked in its output either way.
/// Keep in step with `auth::ENV_TOKEN`, `owner::ENV_PASSWORD` and `paths::ENV_SECRET_KEY`.
pub const CREDENTIALS: &[&str] = &[
    "OP_SERVICE_ACCOUNT_TOKEN",
    "OPKIT_PASSWORD",
    "OPKIT_SECRET_KEY",
];

/// Exact names an Environment may not set unless `--allow-variable NAME` names it: each one
/// makes a program or interpreter the command starts run code of the variable's choosing.
/// Whoever may write an Environment is not necessarily trusted to run code where it is read.
const DANGEROUS_NAMES: &[&str] = &[
    // Where programs are found: a planted directory first in PATH replaces every command.
    "PATH",
    // Interpreter option and start-up variables: code or modules loaded before the program.
    "NODE_OPTIONS",
    "NODE_PATH",
    "PYTHONPATH",
    "PYTHONSTARTUP",
    "PYTHONHOME",
    "PERL5OPT",
    "PERL5LIB",
    "PERLLIB",
    "RUBYOPT",
    "RUBYLIB",
    "JAVA_TOOL_OPTIONS",
    "_JAVA_OPTIONS",
    "JDK_JAVA_OPTIONS",
    // Shell start-up files and hooks run by every (non-)interactive shell.
    "BASH_ENV",
    "ENV",
    "PROMPT_COMMAND",
    "SHELLOPTS",
    "IFS",
    // Git runs these as commands.
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_EXEC_PATH",
    "GIT_EDITOR",
    "GIT_PAGER",
    "GIT_ASKPASS",
    "GIT_PROXY_COMMAND",
    "GIT_EXTERNAL_DIFF",
    "GIT_CONFIG_GLOBAL",
    "GIT_CONFIG_SYSTEM",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
];

/// Name prefixes refused the same way: the dynamic loaders (`LD_PRELOAD`, `LD_LIBRARY_PATH`,
/// `DYLD_INSERT_LIBRARIES`, ...) load a library of the variable's choosing into every program,
/// and `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` set any git option (`core.sshCommand`, hooks).
const DANGEROUS_PREFIXES: &[&str] = &["LD_", "DYLD_", "GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"];

/// Whether an Environment variable named `name` could take over the command `run` starts.
pub fn is_dangerous(name: &str) -> bool {
    DANGEROUS_NAMES.contains(&name) || DANGEROUS_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Whether `name` is one of opkit's own credential variables.
pub fn is_credential(name: &str) -> bool {
    CREDENTIALS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loader_path_and_interpreter_variables_are_dangerous() {
        for name in [
            "LD_PRELOAD",
            "LD_LIBRARY_PATH",
            "DYLD_INSERT_LIBRARIES",
            "PATH",
            "NODE_OPTIONS",
            "PYTHONPATH",
            "PYTHONSTARTUP",
            "PERL5OPT",
            "RUBYOPT",
            "JAVA_TOOL_OPTIONS",
            "BASH_ENV",
            "ENV",
            "PROMPT_COMMAND",
            "GIT_SSH_COMMAND",
            "GIT_CONFIG_KEY_0",
        ] {
            assert!(is_dangerous(name), "{name}");
        }
        for name in [
            "API_KEY",
            "DATABASE_URL",
            "PATHNAME",
            "MY_PATH",
            "ENVIRONMENT",
            "LD",
        ] {
            assert!(!is_dangerous(name), "{name}");
        }
    }
}
