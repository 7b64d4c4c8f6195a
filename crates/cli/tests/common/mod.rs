//! Helpers shared by the end-to-end tests of the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `commonweal` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_commonweal"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A fresh, empty directory for one test, unique to this process and `name`.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("commonweal-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The standard error of a finished run, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}
