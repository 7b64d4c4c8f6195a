//! `commonweal climate dice`: the DICE-2016R2 runs on the command line.

use crate::output::{Format, print, print_json};
use clap::{Args, Subcommand, ValueEnum};
use commonweal_climate::{Dice, RunKind, runs};
use commonweal_report::Table;
use serde::Serialize;

/// Subcommands of `commonweal climate`.
#[derive(Subcommand, Debug)]
pub enum ClimateCommand {
    /// Solve a standard DICE-2016R2 run and print it period by period.
    Dice(DiceArgs),
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
    }
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
