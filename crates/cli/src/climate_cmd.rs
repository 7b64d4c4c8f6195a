//! `commonweal climate dice`: the DICE-2016R2 runs on the command line; `commonweal climate
//! clubs`: stable climate clubs (Nordhaus 2015) over target prices and penalty tariffs.

use crate::output::{Format, print, print_json};
use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use commonweal_climate::{Dice, RunKind, runs};
use commonweal_report::Table;
use commonweal_world::climate::clubs::{self, ClubModel, Evaluation, Start, TermsResult};
use serde::Serialize;
use std::io::IsTerminal;

/// Subcommands of `commonweal climate`.
#[derive(Subcommand, Debug)]
pub enum ClimateCommand {
    /// Solve a standard DICE-2016R2 run and print it period by period.
    Dice(DiceArgs),
    /// Search for stable climate clubs (Nordhaus 2015) on the 196-nation world: members price
    /// carbon at a target price and tax every non-member's goods at a penalty tariff.
    Clubs(ClubsArgs),
}

/// Arguments of `commonweal climate clubs`.
#[derive(Args, Debug)]
#[command(after_help = "A nation's gain is its present-value climate gain (damages plus abatement cost \
avoided) plus its penalty-tariff real-income change, as a share of its present-value output, \
against the world without a club (Nash carbon prices, free trade). From each start (the grand \
coalition, the empty one and --starts seeded random ones) nations switch one at a time while \
one gains by switching; a search ends at a coalition where no member gains by leaving and no \
outsider by joining (stable), or in a cycle. The default grid (16 configurations, 64 searches) \
takes a few minutes.")]
pub struct ClubsArgs {
    /// Target carbon prices of the club, $/tCO₂ (2010 US$), comma-separated.
    #[arg(long, value_name = "P,…", default_value = "12.5,25,50,100", allow_hyphen_values = true)]
    target_price: String,
    /// Penalty tariffs members levy on non-members' goods, comma-separated rates in [0, 5]
    /// (0.05 is 5 %).
    #[arg(long, value_name = "T,…", default_value = "0,0.02,0.05,0.1", allow_hyphen_values = true)]
    penalty_tariff: String,
    /// Seeded random starting coalitions per configuration, besides the grand and empty ones.
    #[arg(long, default_value_t = 2)]
    starts: usize,
    /// Root seed of the random starting coalitions.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (default: all cores); results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Output format (table or json).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// Which standard run to solve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RunArg {
    /// Abatement and saving chosen to maximise welfare.
    Optimal,
    /// Abatement at the base carbon price, saving chosen to maximise welfare.
    Baseline,
}

/// Arguments of `commonweal climate dice`.
#[derive(Args, Debug)]
pub struct DiceArgs {
    /// The run to solve.
    #[arg(long, value_enum, default_value = "optimal")]
    run: RunArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct PeriodRow {
    year: i32,
    mu: f64,
    s: f64,
    tatm: f64,
    mat: f64,
    e: f64,
    y: f64,
    c: f64,
    k: f64,
    forc: f64,
    carbon_price: f64,
    scc: f64,
}

#[derive(Serialize)]
struct DiceJson {
    run: &'static str,
    periods: Vec<PeriodRow>,
    scc_2015: f64,
    welfare: f64,
}

const COLUMNS: [&str; 12] =
    ["year", "mu", "s", "tatm", "mat", "e", "y", "c", "k", "forc", "carbon_price", "scc"];

/// Dispatches a `commonweal climate` subcommand.
pub fn run(command: ClimateCommand) -> anyhow::Result<()> {
    match command {
        ClimateCommand::Dice(args) => dice(args),
        ClimateCommand::Clubs(args) => clubs_command(args),
    }
}

/// Parses a comma-separated list of numbers for `flag`, each checked by `valid`.
fn number_list(flag: &str, text: &str, what: &str, valid: impl Fn(f64) -> bool) -> anyhow::Result<Vec<f64>> {
    let items: Vec<&str> = text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if items.is_empty() {
        bail!("{flag} is empty; expected {what}, separated by commas");
    }
    items
        .iter()
        .map(|item| match item.parse::<f64>() {
            Ok(v) if v.is_finite() && valid(v) => Ok(v),
            _ => bail!("{flag} has '{item}'; expected {what}, separated by commas"),
        })
        .collect()
}

#[derive(Serialize)]
struct NationGain {
    iso3: String,
    gain: f64,
    climate_gain: f64,
    trade_gain: f64,
    /// What the nation would gain by switching alone (leaving or joining); ≤ 0 up to the move
    /// tolerance in a stable club.
    switch_gain: f64,
}

#[derive(Serialize)]
struct ClubJson {
    n_members: usize,
    output_share: f64,
    emissions_share: f64,
    tatm_2100: f64,
    found_from: Vec<String>,
    members: Vec<NationGain>,
    outsiders: Vec<NationGain>,
}

#[derive(Serialize)]
struct CycleJson {
    start: String,
    n_members: usize,
    output_share: f64,
    emissions_share: f64,
    tatm_2100: f64,
    switching: Vec<String>,
}

#[derive(Serialize)]
struct TermsJson {
    target_price: f64,
    penalty_tariff: f64,
    stable: Vec<ClubJson>,
    cycles: Vec<CycleJson>,
    unfinished: Vec<String>,
    evaluations: usize,
}

#[derive(Serialize)]
struct ClubsJson {
    nations: usize,
    seed: u64,
    starts: Vec<String>,
    nash_tatm_2100: f64,
    gains: &'static str,
    move_tolerance: f64,
    results: Vec<TermsJson>,
}

fn clubs_command(args: ClubsArgs) -> anyhow::Result<()> {
    if args.format == Format::Csv {
        bail!("--format csv is not offered by `climate clubs`; expected table or json");
    }
    let prices =
        number_list("--target-price", &args.target_price, "carbon prices ≥ 0 ($/tCO₂)", |p| p >= 0.0)?;
    let tariffs =
        number_list("--penalty-tariff", &args.penalty_tariff, "rates in [0, 5] (0.05 is 5 %)", |t| {
            (0.0..=5.0).contains(&t)
        })?;
    if args.starts > 1000 {
        bail!("--starts is {}; expected at most 1000 random starts", args.starts);
    }
    let threads = match args.threads {
        Some(0) => bail!("--threads is 0; expected at least 1"),
        Some(k) => k,
        None => std::thread::available_parallelism().map_or(1, |k| k.get()),
    };
    let grid = clubs::grid(&prices, &tariffs)?;
    let starts = Start::standard(args.starts);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let terminal = std::io::stderr().is_terminal();
    let spinner =
        if terminal { indicatif::ProgressBar::new_spinner() } else { indicatif::ProgressBar::hidden() };
    spinner.set_message("building the 196-nation trade arena");
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let trade = commonweal_world::scenario::Scenario::default_scenario().trade;
    let arena = pool
        .install(|| commonweal_world::default_world::default_arena(&trade))
        .context("building the trade arena")?;
    spinner.finish_and_clear();
    let model = ClubModel::new(&arena)?;
    let searches = (grid.len() * starts.len()) as u64;
    let bar = if terminal { indicatif::ProgressBar::new(searches) } else { indicatif::ProgressBar::hidden() };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {pos}/{len} searches ({eta} left)",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    let results =
        pool.install(|| clubs::analyse(&model, &grid, &starts, args.seed, 20 * arena.n(), &|| bar.inc(1)))?;
    bar.finish_and_clear();
    let json = clubs_json(&model, &args, &starts, &results);
    match args.format {
        Format::Json => print_json(&json),
        Format::Table | Format::Csv => print(&clubs_table(&json)),
    }
}

fn nation_gains(model: &ClubModel<'_>, e: &Evaluation, incentive: &[f64], member: bool) -> Vec<NationGain> {
    (0..e.members.len())
        .filter(|&i| e.members[i] == member)
        .map(|i| NationGain {
            iso3: model.world().nations[i].iso3.clone(),
            gain: e.gain[i],
            climate_gain: e.climate_gain[i],
            trade_gain: e.trade_gain[i],
            switch_gain: incentive[i],
        })
        .collect()
}

fn clubs_json(
    model: &ClubModel<'_>,
    args: &ClubsArgs,
    starts: &[Start],
    results: &[TermsResult],
) -> ClubsJson {
    let iso = |i: usize| model.world().nations[i].iso3.clone();
    ClubsJson {
        nations: model.world().n(),
        seed: args.seed,
        starts: starts.iter().map(|s| s.name()).collect(),
        nash_tatm_2100: model.nash().tatm_in(2100).unwrap_or(f64::NAN),
        gains: "share of the nation's present-value output, against the world without a club",
        move_tolerance: clubs::MOVE_TOLERANCE,
        results: results
            .iter()
            .map(|r| TermsJson {
                target_price: r.terms.target_price,
                penalty_tariff: r.terms.penalty_tariff,
                stable: r
                    .stable
                    .iter()
                    .map(|c| {
                        let (output_share, emissions_share) = model.shares(&c.evaluation.members);
                        ClubJson {
                            n_members: c.evaluation.n_members(),
                            output_share,
                            emissions_share,
                            tatm_2100: c.evaluation.tatm_2100,
                            found_from: c.starts.iter().map(|s| s.name()).collect(),
                            members: nation_gains(model, &c.evaluation, &c.stability.incentive, true),
                            outsiders: nation_gains(model, &c.evaluation, &c.stability.incentive, false),
                        }
                    })
                    .collect(),
                cycles: r
                    .cycles
                    .iter()
                    .map(|(start, e, switching)| {
                        let (output_share, emissions_share) = model.shares(&e.members);
                        CycleJson {
                            start: start.name(),
                            n_members: e.n_members(),
                            output_share,
                            emissions_share,
                            tatm_2100: e.tatm_2100,
                            switching: switching.iter().map(|&i| iso(i)).collect(),
                        }
                    })
                    .collect(),
                unfinished: r.unfinished.iter().map(|s| s.name()).collect(),
                evaluations: r.evaluations,
            })
            .collect(),
    }
}

/// A number with at most four decimals and no trailing zeros (7.000000000000001 → "7").
fn short_number(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Minimum, mean and maximum of a list of gains, in percent of output.
fn gain_range(gains: &[NationGain]) -> String {
    if gains.is_empty() {
        return "-".into();
    }
    let values: Vec<f64> = gains.iter().map(|g| 100.0 * g.gain).collect();
    let min = values.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    format!("{min:.3} / {mean:.3} / {max:.3}")
}

const CLUB_COLUMNS: [&str; 10] = [
    "price $/t",
    "tariff %",
    "club",
    "found from",
    "members",
    "output %",
    "CO2 %",
    "T2100 °C",
    "member gain % min/mean/max",
    "outsider gain % min/mean/max",
];

fn clubs_table(json: &ClubsJson) -> String {
    let mut table = Table::new(CLUB_COLUMNS);
    for r in &json.results {
        let price = short_number(r.target_price);
        let tariff = short_number(100.0 * r.penalty_tariff);
        for c in &r.stable {
            table.row([
                price.clone(),
                tariff.clone(),
                "stable".into(),
                c.found_from.join(", "),
                c.n_members.to_string(),
                format!("{:.1}", 100.0 * c.output_share),
                format!("{:.1}", 100.0 * c.emissions_share),
                format!("{:.3}", c.tatm_2100),
                gain_range(&c.members),
                gain_range(&c.outsiders),
            ]);
        }
        for c in &r.cycles {
            table.row([
                price.clone(),
                tariff.clone(),
                format!("cycle ({} switching)", c.switching.len()),
                c.start.clone(),
                c.n_members.to_string(),
                format!("{:.1}", 100.0 * c.output_share),
                format!("{:.1}", 100.0 * c.emissions_share),
                format!("{:.3}", c.tatm_2100),
                "-".into(),
                "-".into(),
            ]);
        }
        for start in &r.unfinished {
            let mut cells = vec![price.clone(), tariff.clone(), "move limit".into(), start.clone()];
            cells.extend(std::iter::repeat_n("-".to_string(), 6));
            table.row(cells);
        }
    }
    format!(
        "Climate clubs on {} nations (seed {}, starts: {}); without a club T2100 = {:.3} °C.\n\
         Gains: % of present-value output against the world without a club.\n{table}",
        json.nations,
        json.seed,
        json.starts.join(", "),
        json.nash_tatm_2100
    )
}

fn dice(args: DiceArgs) -> anyhow::Result<()> {
    let kind = match args.run {
        RunArg::Optimal => RunKind::Optimal,
        RunArg::Baseline => RunKind::Baseline,
    };
    let model = Dice::standard();
    let solved = runs::run(&model, kind)?;
    let p = &solved.path;
    let periods: Vec<PeriodRow> = (0..model.n_periods())
        .map(|t| PeriodRow {
            year: solved.year[t],
            mu: solved.mu[t],
            s: solved.s[t],
            tatm: p.tatm[t],
            mat: p.mat[t],
            e: p.e[t],
            y: p.y[t],
            c: p.c[t],
            k: p.k[t],
            forc: p.forc[t],
            carbon_price: solved.carbon_price[t],
            scc: solved.scc[t],
        })
        .collect();
    let json = DiceJson { run: kind.name(), scc_2015: solved.scc[0], welfare: solved.welfare, periods };
    match args.format {
        Format::Json => print_json(&json),
        Format::Csv => {
            let mut text = COLUMNS.join(",");
            text.push('\n');
            for r in &json.periods {
                let cells = [r.mu, r.s, r.tatm, r.mat, r.e, r.y, r.c, r.k, r.forc, r.carbon_price, r.scc];
                text.push_str(&r.year.to_string());
                for v in cells {
                    text.push(',');
                    text.push_str(&v.to_string());
                }
                text.push('\n');
            }
            print(&text)
        }
        Format::Table => {
            let mut table = Table::new(COLUMNS);
            for r in &json.periods {
                table.row([
                    r.year.to_string(),
                    format!("{:.4}", r.mu),
                    format!("{:.4}", r.s),
                    format!("{:.3}", r.tatm),
                    format!("{:.1}", r.mat),
                    format!("{:.2}", r.e),
                    format!("{:.2}", r.y),
                    format!("{:.2}", r.c),
                    format!("{:.1}", r.k),
                    format!("{:.3}", r.forc),
                    format!("{:.2}", r.carbon_price),
                    format!("{:.2}", r.scc),
                ]);
            }
            let t2100 = json.periods.iter().find(|r| r.year == 2100).map_or(f64::NAN, |r| r.tatm);
            print(&format!(
                "DICE-2016R2 {} run: welfare {:.4}, SCC 2015 ${:.2}/tCO2, T_AT 2100 {:.3} °C\n{table}",
                json.run, json.welfare, json.scc_2015, t2100
            ))
        }
    }
}
