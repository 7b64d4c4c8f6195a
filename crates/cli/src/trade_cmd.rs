//! `commonweal trade gains` and `commonweal trade counterfactual`: the trade equilibrium of the
//! default 196-nation world on the command line.

use crate::output::{Format, print, print_json};
use anyhow::{Context, bail};
use clap::{ArgGroup, Args, Subcommand};
use commonweal_report::Table;
use commonweal_world::data::WorldData;
use commonweal_world::trade::calibrate::{Calibration, CalibrationOptions, calibrate};
use commonweal_world::trade::spec::{RateKind, apply_pairs, parse_pairs};
use commonweal_world::trade::{Policy, gains_from_trade};
use serde::Serialize;

/// Arguments of `commonweal trade`.
#[derive(Args, Debug)]
pub struct TradeArgs {
    #[command(subcommand)]
    command: TradeCommand,
}

#[derive(Subcommand, Debug)]
enum TradeCommand {
    /// Gains from trade per nation: real income relative to autarky (ACR formula).
    Gains(GainsArgs),
    /// Real-income consequences of a change in tariffs or trade costs (exact hat algebra).
    Counterfactual(CounterfactualArgs),
}

/// Options shared by the trade subcommands.
#[derive(Args, Debug)]
struct ModelOptions {
    /// Trade elasticity ε.
    #[arg(long, default_value_t = commonweal_world::trade::DEFAULT_EPSILON)]
    epsilon: f64,
    /// Output format (table or json).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

impl ModelOptions {
    fn calibration(&self) -> anyhow::Result<Calibration> {
        if !(self.epsilon.is_finite() && self.epsilon > 0.0) {
            bail!("--epsilon: {} is not a valid trade elasticity; give a number > 0", self.epsilon);
        }
        let options = CalibrationOptions { epsilon: self.epsilon, ..CalibrationOptions::default() };
        Ok(calibrate(WorldData::embedded(), &options)?)
    }
}

/// Arguments of `commonweal trade gains`.
#[derive(Args, Debug)]
struct GainsArgs {
    #[command(flatten)]
    model: ModelOptions,
}

/// Arguments of `commonweal trade counterfactual`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("change").required(true).args(["uniform_tariff", "tariffs", "cost_change"])))]
struct CounterfactualArgs {
    /// The same tariff T on every international pair (e.g. 0.25 for a 25 % tariff war).
    #[arg(long, value_name = "T", allow_negative_numbers = true)]
    uniform_tariff: Option<f64>,
    /// Bilateral tariffs, EXPORTER>IMPORTER=RATE items separated by commas (`*` for every nation).
    #[arg(long, value_name = "PAIRS")]
    tariffs: Option<String>,
    /// Bilateral trade-cost increases, EXPORTER>IMPORTER=RATE (0.1 makes shipping 10 % dearer).
    #[arg(long, value_name = "PAIRS")]
    cost_change: Option<String>,
    /// Treat the barrier as a pure trade cost (no tariff revenue); also report the ACR formula.
    #[arg(long)]
    iceberg: bool,
    #[command(flatten)]
    model: ModelOptions,
}

/// Runs `commonweal trade …`.
pub fn trade(args: TradeArgs) -> anyhow::Result<()> {
    match args.command {
        TradeCommand::Gains(a) => gains(a),
        TradeCommand::Counterfactual(a) => counterfactual(a),
    }
}

#[derive(Serialize)]
struct GainsRow {
    iso3: String,
    name: String,
    domestic_share: f64,
    gains_from_trade_pct: f64,
    shares_from: &'static str,
}

#[derive(Serialize)]
struct GainsJson {
    epsilon: f64,
    nations: Vec<GainsRow>,
}

fn shares_from(cal: &Calibration, k: usize) -> &'static str {
    if cal.covered[k] { "icio" } else { "gravity" }
}

fn gains(args: GainsArgs) -> anyhow::Result<()> {
    let cal = args.model.calibration()?;
    let base = &cal.base;
    let world = WorldData::embedded();
    let gains = gains_from_trade(base);
    let domestic = base.domestic_shares();
    let rows: Vec<GainsRow> = (0..base.n())
        .map(|k| GainsRow {
            iso3: base.iso3()[k].clone(),
            name: world.nations[k].name.clone(),
            domestic_share: domestic[k],
            gains_from_trade_pct: 100.0 * gains[k],
            shares_from: shares_from(&cal, k),
        })
        .collect();
    match args.model.format {
        Format::Json => print_json(&GainsJson { epsilon: base.epsilon(), nations: rows }),
        Format::Table => {
            let mut table = Table::new(["iso3", "name", "domestic_share", "gains_pct", "shares_from"]);
            for r in &rows {
                table.row([
                    r.iso3.clone(),
                    r.name.clone(),
                    format!("{:.4}", r.domestic_share),
                    format!("{:.2}", r.gains_from_trade_pct),
                    r.shares_from.to_string(),
                ]);
            }
            print(&format!(
                "{table}gains from trade relative to autarky, ACR formula λ^(−1/ε) − 1 at ε = {}; data: see `commonweal data`\n",
                base.epsilon()
            ))
        }
        Format::Csv => bail!("--format csv is not offered by `trade gains`; use table or json"),
    }
}

#[derive(Serialize)]
struct NationChange {
    iso3: String,
    name: String,
    real_income_change_pct: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    acr_change_pct: Option<f64>,
}

#[derive(Serialize)]
struct WorldChange {
    real_income_change_pct: f64,
    nations_losing: usize,
    nations: usize,
}

#[derive(Serialize)]
struct CounterfactualJson {
    policy: String,
    iceberg: bool,
    epsilon: f64,
    iterations: usize,
    world: WorldChange,
    nations: Vec<NationChange>,
}

fn counterfactual(args: CounterfactualArgs) -> anyhow::Result<()> {
    let cal = args.model.calibration()?;
    let base = &cal.base;
    let n = base.n();
    let kind = if args.iceberg { RateKind::Iceberg } else { RateKind::Tariff };
    let mut policy = Policy::free_trade(n);
    let description;
    if let Some(t) = args.uniform_tariff {
        if !(t.is_finite() && t > -1.0) {
            bail!("--uniform-tariff: {t} is not a valid rate; give a number > −1 (0.25 is a 25 % tariff)");
        }
        policy = match kind {
            RateKind::Tariff => Policy::uniform_tariff(n, t),
            RateKind::Iceberg => Policy::uniform_cost_change(n, 1.0 + t),
        };
        description = format!("uniform {} {t}", if args.iceberg { "trade-cost increase" } else { "tariff" });
    } else if let Some(text) = &args.tariffs {
        apply_pairs(&mut policy, &parse_pairs(base, text).context("--tariffs")?, kind);
        description = format!("{}: {text}", if args.iceberg { "trade-cost increases" } else { "tariffs" });
    } else if let Some(text) = &args.cost_change {
        apply_pairs(&mut policy, &parse_pairs(base, text).context("--cost-change")?, RateKind::Iceberg);
        description = format!("trade-cost increases: {text}");
    } else {
        bail!("give one of --uniform-tariff, --tariffs or --cost-change");
    }
    let solution = base.solve(&policy, None)?;
    let acr = policy.is_iceberg_only().then(|| base.acr_real_income_change(&solution));
    let world = WorldData::embedded();
    let nations: Vec<NationChange> = (0..n)
        .map(|k| NationChange {
            iso3: base.iso3()[k].clone(),
            name: world.nations[k].name.clone(),
            real_income_change_pct: 100.0 * (solution.real_income_change[k] - 1.0),
            acr_change_pct: acr.as_ref().map(|a| 100.0 * (a[k] - 1.0)),
        })
        .collect();
    let out = CounterfactualJson {
        policy: description,
        iceberg: policy.is_iceberg_only(),
        epsilon: base.epsilon(),
        iterations: solution.iterations,
        world: WorldChange {
            real_income_change_pct: 100.0 * (base.world_real_income_change(&solution) - 1.0),
            nations_losing: solution.real_income_change.iter().filter(|&&w| w < 1.0).count(),
            nations: n,
        },
        nations,
    };
    match args.model.format {
        Format::Json => print_json(&out),
        Format::Table => {
            let with_acr = acr.is_some();
            let mut header = vec!["iso3", "name", "real_income_change_pct"];
            if with_acr {
                header.push("acr_change_pct");
            }
            let mut table = Table::new(header);
            for r in &out.nations {
                let mut cells =
                    vec![r.iso3.clone(), r.name.clone(), format!("{:.3}", r.real_income_change_pct)];
                if let Some(a) = r.acr_change_pct {
                    cells.push(format!("{a:.3}"));
                }
                table.row(cells);
            }
            print(&format!(
                "{table}policy: {}\nworld real income change: {:.3} % ({} of {} nations lose; ε = {})\n",
                out.policy, out.world.real_income_change_pct, out.world.nations_losing, n, out.epsilon
            ))
        }
        Format::Csv => bail!("--format csv is not offered by `trade counterfactual`; use table or json"),
    }
}
