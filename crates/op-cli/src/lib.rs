//! The pure parts of the `opkit` command, as a library so that fuzz targets and property tests
//! reach them: dotenv files, `opkit inject` templates, `op`-style field assignments, the stream
//! filter that masks secrets in `opkit run`'s output and the variables `run` keeps from its
//! command. None of them does I/O.
#![forbid(unsafe_code)]

pub mod assign;
pub mod child_env;
pub mod dotenv;
pub mod mask;
pub mod template;
