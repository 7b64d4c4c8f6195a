//! `commonweal run`: a scenario's regimes × replicates on the default world, summarised, with
//! every output written to a directory.

use crate::output::{Format, print, print_json};
use anyhow::{Context, bail};
use clap::Args;
use commonweal_report::Table;
use commonweal_report::world_run::{RunMeta, SUMMARY_COLUMNS, regime_row, summary_json, write_run};
use commonweal_world::default_world::world_arena;
use commonweal_world::ensemble::run_ensemble;
use commonweal_world::sim::Prepared;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Arguments of `commonweal run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Scenario file (TOML); the embedded default scenario when absent.
    scenario: Option<PathBuf>,
    /// Replicates per regime (overrides the scenario).
    #[arg(long)]
    replicates: Option<usize>,
    /// Years to simulate (overrides the scenario).
    #[arg(long)]
    years: Option<usize>,
    /// Root seed (overrides the scenario).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Output directory (default: commonweal-out/<scenario>-seed<seed>, numbered so that earlier
    /// results are never replaced).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Allow writing into an existing, non-empty --out directory (replacing its run files).
    #[arg(long)]
    force: bool,
    /// Format of the summary on stdout.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

fn check_range(flag: &str, value: usize, lo: usize, hi: usize) -> anyhow::Result<usize> {
    if value < lo || value > hi {
        bail!("--{flag} {value}: valid values are {lo} to {hi}");
    }
    Ok(value)
}

/// The output directory: `--out` (refused when it holds files, unless --force), or the first
/// free `commonweal-out/<name>-seed<seed>[-k]`.
fn output_dir(out: Option<&Path>, force: bool, name: &str, seed: u64) -> anyhow::Result<PathBuf> {
    if let Some(dir) = out {
        if dir.exists() {
            if !dir.is_dir() {
                bail!("--out {}: exists and is not a directory", dir.display());
            }
            let non_empty = std::fs::read_dir(dir)
                .with_context(|| format!("cannot read --out {}", dir.display()))?
                .next()
                .is_some();
            if non_empty && !force {
                bail!(
                    "--out {}: directory exists and is not empty; choose a new directory or pass --force to replace its run files",
                    dir.display()
                );
            }
        }
        return Ok(dir.to_path_buf());
    }
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' })
        .collect();
    let stem = format!("{safe}-seed{seed}");
    let root = Path::new("commonweal-out");
    let mut candidate = root.join(&stem);
    let mut k = 2;
    while candidate.exists() {
        candidate = root.join(format!("{stem}-{k}"));
        k += 1;
    }
    Ok(candidate)
}

/// Runs `commonweal run`.
pub fn run(args: RunArgs) -> anyhow::Result<()> {
    if args.format == Format::Csv {
        bail!(
            "--format csv: run prints its summary as table or json (the CSV files are written to the output directory)"
        );
    }
    let loaded = crate::scenario_cmd::load(args.scenario.as_deref())?;
    let data_used = loaded.data_used();
    let world = loaded.world;
    let (mut scenario, text) = (loaded.scenario, loaded.text);
    if let Some(r) = args.replicates {
        scenario.replicates = check_range("replicates", r, 1, 100_000)?;
    }
    if let Some(t) = args.years {
        scenario.years = check_range("years", t, 1, 1000)?;
    }
    if let Some(s) = args.seed {
        scenario.seed = s;
    }
    let threads = match args.threads {
        Some(k) => check_range("threads", k, 1, 1024)?,
        None => std::thread::available_parallelism().map_or(1, |k| k.get()),
    };
    let dir = output_dir(args.out.as_deref(), args.force, &scenario.name, scenario.seed)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;

    let terminal = std::io::stderr().is_terminal();
    let spinner = if terminal { ProgressBar::new_spinner() } else { ProgressBar::hidden() };
    spinner.set_message("solving the stage games of the trade arena (three equilibria per linked pair)");
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let world = world.as_ref().unwrap_or_else(|| commonweal_world::data::WorldData::embedded());
    let arena = pool.install(|| world_arena(world, &scenario.trade)).context("building the trade arena")?;
    spinner.finish_and_clear();
    let prepared = Prepared::new(scenario, arena)?;

    let regimes = prepared.regimes.len();
    let bar =
        if terminal { ProgressBar::new(prepared.scenario.replicates as u64) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} replicates ({eta} left)")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(format!("{regimes} regimes"));
    let summary = pool.install(|| run_ensemble(&prepared, &|_| bar.inc(1)));
    bar.finish_and_clear();

    let meta = RunMeta {
        version: env!("CARGO_PKG_VERSION").to_string(),
        scenario_file: args.scenario.as_ref().map_or("<default>".to_string(), |p| p.display().to_string()),
        scenario_text: text,
        data_notice: commonweal_world::data::NOTICE.to_string(),
        data: data_used,
        threads,
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    write_run(&dir, &summary, &meta)?;
    let report = dir.join("report.html");

    match args.format {
        Format::Json => {
            print_json(&summary_json(&summary, &meta))?;
            eprintln!("report: {}", report.display());
            Ok(())
        }
        Format::Table | Format::Csv => {
            // Csv was refused above; it shares the table branch only to keep the match exhaustive.
            let mut table = Table::new(SUMMARY_COLUMNS);
            for r in &summary.regimes {
                table.row(regime_row(r));
            }
            print(&format!(
                "{} nations, {} linked pairs, {} years, {} replicates, seed {} (mean [95 % interval])\n{}\nreport: {}\n",
                summary.nations,
                summary.links,
                summary.years,
                summary.replicates,
                summary.seed,
                table,
                report.display()
            ))
        }
    }
}
