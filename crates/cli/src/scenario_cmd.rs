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

/// A scenario read and validated, with the world it runs on.
pub struct Loaded {
    /// The validated scenario.
    pub scenario: Scenario,
    /// Its TOML text.
    pub text: String,
    /// The world built from the scenario's `[data]` files; `None` for the embedded world.
    pub world: Option<WorldData>,
}

impl Loaded {
    /// The world the scenario runs on.
    pub fn world(&self) -> &WorldData {
        self.world.as_ref().unwrap_or_else(|| WorldData::embedded())
    }

    /// Which data the run used, for its outputs: `embedded` or `key=path` per replaced dataset
    /// (the rest embedded).
    pub fn data_used(&self) -> String {
        if self.scenario.data.is_empty() {
            return "embedded".to_string();
        }
        let files: Vec<String> =
            self.scenario.data.iter().map(|d| format!("{}={}", d.dataset, d.path)).collect();
        format!("{} (other datasets embedded)", files.join(", "))
    }
}

/// Reads the files a scenario's `[data]` table names (relative to the scenario file) and parses
/// the world with them in place of the embedded datasets; `None` when it names none.
fn load_world(scenario: &Scenario, path: &Path) -> anyhow::Result<Option<WorldData>> {
    if scenario.data.is_empty() {
        return Ok(None);
    }
    let base = path.parent().unwrap_or(Path::new(""));
    let mut texts = Vec::with_capacity(scenario.data.len());
    for d in &scenario.data {
        let file = base.join(&d.path);
        let text = std::fs::read_to_string(&file).with_context(|| {
            format!(
                "{}:{}: field `data.{}`: cannot read {}",
                path.display(),
                d.line,
                d.dataset,
                file.display()
            )
        })?;
        texts.push(text);
    }
    let pairs: Vec<(&str, &str)> =
        scenario.data.iter().zip(&texts).map(|(d, t)| (d.dataset, t.as_str())).collect();
    let world = WorldData::with_datasets(&pairs).map_err(|e| {
        let files: Vec<String> =
            scenario.data.iter().map(|d| format!("data.{} = {:?}", d.dataset, d.path)).collect();
        anyhow::anyhow!("{}: [data] {}: {e}", path.display(), files.join(", "))
    })?;
    Ok(Some(world))
}

/// Reads and validates a scenario file, or the embedded default when `file` is `None`, with the
/// world its `[data]` table names.
pub fn load(file: Option<&Path>) -> anyhow::Result<Loaded> {
    let Some(path) = file else {
        return Ok(Loaded {
            scenario: Scenario::default_scenario(),
            text: DEFAULT_SCENARIO_TOML.to_string(),
            world: None,
        });
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read scenario {}", path.display()))?;
    let scenario = Scenario::parse(&text, &path.display().to_string())?;
    let world = load_world(&scenario, path)?;
    let loaded = Loaded { scenario, text, world };
    let codes: Vec<String> = loaded.world().nations.iter().map(|v| v.iso3.clone()).collect();
    loaded.scenario.check_nations(&codes)?;
    Ok(loaded)
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
            let loaded = load(Some(&file))?;
            let s = &loaded.scenario;
            let names: Vec<&str> = s.regimes.iter().map(|r| r.name.as_str()).collect();
            let climate = if s.climate.enabled {
                let clubs: Vec<String> = s
                    .regimes
                    .iter()
                    .filter_map(|r| {
                        r.club.as_ref().map(|c| format!("{} ({} members)", r.name, c.members.len()))
                    })
                    .collect();
                format!(
                    "climate on (damages x{}, sensitivity {} °C{})",
                    s.climate.damage_multiplier,
                    s.climate.climate_sensitivity,
                    if clubs.is_empty() { String::new() } else { format!(", clubs: {}", clubs.join(", ")) }
                )
            } else {
                "climate off".to_string()
            };
            crate::output::print(&format!(
                "ok: {}: scenario {:?}, {} years, {} replicates, seed {}, regimes {}, {} nations, {}, data {}\n",
                file.display(),
                s.name,
                s.years,
                s.replicates,
                s.seed,
                names.join(", "),
                loaded.world().nations.len(),
                climate,
                loaded.data_used()
            ))
        }
    }
}
