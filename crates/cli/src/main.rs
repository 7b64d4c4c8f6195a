//! The `commonweal` binary: parses arguments, calls the libraries, prints, and maps errors to
//! exit codes. Nothing else lives here: every capability is a library call.
//!
//! Exit codes: 0 success (a closed output pipe counts as success), 2 bad input or any other
//! error, reported as one line on stderr.

mod climate_cmd;
mod games_cmd;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// commonweal — simulate a community of shared destiny: nations, trade, common threats and the
/// strategies of cooperation.
#[derive(Parser, Debug)]
#[command(name = "commonweal", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List every built-in strategy with its names and metadata.
    Strategies(games_cmd::StrategiesArgs),
    /// Play one repeated-game match between two strategies.
    Match(games_cmd::MatchArgs),
    /// Run a round-robin tournament.
    Tournament(games_cmd::TournamentArgs),
    /// Climate–economy models: DICE-2016R2 runs.
    #[command(subcommand)]
    Climate(climate_cmd::ClimateCommand),
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Strategies(args) => games_cmd::strategies(args),
        Command::Match(args) => games_cmd::play(args),
        Command::Tournament(args) => games_cmd::tournament(args),
        Command::Climate(command) => climate_cmd::run(command),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
