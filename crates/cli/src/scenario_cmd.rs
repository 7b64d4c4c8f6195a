//! `commonweal scenario init|check`: write the commented template, validate a scenario file.

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use commonweal_world::data::WorldData;
use commonweal_world::scenario::{DEFAULT_SCENARIO_TOML, Scenario};
use std::path::{Path, PathBuf};

/// Arguments of `commonweal scenario`.
#[derive(Args, Debug)]
pub struct ScenarioArgs {
    #[command(subcommand)]
    command: ScenarioCommand,
}

#[derive(Subcommand, Debug)]
enum ScenarioCommand {
    /// Write a fully commented scenario template (the default scenario).
    Init {
        /// Where to write it.
        #[arg(default_value = "scenario.toml")]
        file: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Validate a scenario file against the default world.
    Check {
        /// The scenario file.
        file: PathBuf,
    },
}

/// Reads and validates a scenario file, or the embedded default when `file` is `None`.
/// Returns the scenario and its text.
pub fn load(file: Option<&Path>) -> anyhow::Result<(Scenario, String)> {
    let Some(path) = file else {
        return Ok((Scenario::default_scenario(), DEFAULT_SCENARIO_TOML.to_string()));
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read scenario {}", path.display()))?;
    let scenario = Scenario::parse(&text, &path.display().to_string())?;
    let codes: Vec<String> = WorldData::embedded().nations.iter().map(|v| v.iso3.clone()).collect();
    scenario.check_nations(&codes)?;
    Ok((scenario, text))
}

/// Runs `commonweal scenario …`.
pub fn scenario(args: ScenarioArgs) -> anyhow::Result<()> {
    match args.command {
        ScenarioCommand::Init { file, force } => {
            if file.exists() && !force {
                bail!(
                    "{} already exists; choose another file or pass --force to overwrite it",
                    file.display()
                );
            }
            std::fs::write(&file, DEFAULT_SCENARIO_TOML)
                .with_context(|| format!("cannot write {}", file.display()))?;
            crate::output::print(&format!(
                "wrote {} (edit it, then `commonweal scenario check {}` and `commonweal run {}`)\n",
                file.display(),
                file.display(),
                file.display()
            ))
        }
        ScenarioCommand::Check { file } => {
            let (s, _) = load(Some(&file))?;
            let names: Vec<&str> = s.regimes.iter().map(|r| r.name.as_str()).collect();
            crate::output::print(&format!(
                "ok: {}: scenario {:?}, {} years, {} replicates, seed {}, regimes {}\n",
                file.display(),
                s.name,
                s.years,
                s.replicates,
                s.seed,
                names.join(", ")
            ))
        }
    }
}
