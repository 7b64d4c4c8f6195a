//! The `commonweal` binary: parses arguments, calls the libraries, prints, and maps errors to
//! exit codes. Nothing else lives here: every capability is a library call.
//!
//! Exit codes: 0 success (a closed output pipe counts as success), 2 bad input or any other
//! error, reported as one line on stderr.

mod climate_cmd;
mod data_cmd;
mod evo_cmd;
mod games_cmd;
mod output;
mod run_cmd;
mod scenario_cmd;
mod trade_cmd;

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
    /// Trade in general equilibrium on the 196-nation world: gains from trade, counterfactuals.
    Trade(trade_cmd::TradeArgs),
    /// The embedded datasets: sources, licences and coverage.
    Data(data_cmd::DataArgs),
    /// Run a scenario's regimes × replicates on the world of nations and write the report.
    Run(run_cmd::RunArgs),
    /// Write a commented scenario template or check a scenario file.
    Scenario(scenario_cmd::ScenarioArgs),
    /// Evolutionary dynamics: fixation, stationary distributions, replicator, spatial games.
    #[command(subcommand)]
    Evo(evo_cmd::EvoCommand),
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Strategies(args) => games_cmd::strategies(args),
        Command::Match(args) => games_cmd::play(args),
        Command::Tournament(args) => games_cmd::tournament(args),
        Command::Climate(command) => climate_cmd::run(command),
        Command::Trade(args) => trade_cmd::trade(args),
        Command::Data(args) => data_cmd::data(args),
        Command::Run(args) => run_cmd::run(args),
        Command::Scenario(args) => scenario_cmd::scenario(args),
        Command::Evo(cmd) => evo_cmd::run(cmd),
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
