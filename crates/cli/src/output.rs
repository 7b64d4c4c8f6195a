//! Output helpers shared by the subcommands: formats, JSON printing, broken pipes.

use std::io::Write;

/// Output formats offered by the subcommands (each accepts the subset it documents).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// One JSON document on stdout.
    Json,
    /// Comma-separated values on stdout.
    Csv,
}

/// Writes `text` to stdout, surfacing write errors (such as a closed pipe) as errors.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a value as pretty JSON and a newline.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print(&text)
}

/// True when the error is a write to a closed pipe, which is not a failure (`commonweal … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
