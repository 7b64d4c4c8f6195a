//! `commonweal data`: the embedded datasets, their sources, licences and coverage.

use crate::output::{Format, print, print_json};
use anyhow::bail;
use clap::Args;
use commonweal_report::Table;
use commonweal_world::data::{DATASETS, GdpSource, NOTICE, WorldData};
use serde::Serialize;
use std::collections::BTreeSet;

/// Arguments of `commonweal data`.
#[derive(Args, Debug)]
pub struct DataArgs {
    /// Output format (table or json).
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct DatasetRow {
    file: &'static str,
    content: &'static str,
    source: &'static str,
    licence: &'static str,
    rows: usize,
    coverage: String,
}

#[derive(Serialize)]
struct GdpSources {
    pwt: usize,
    natural_earth: usize,
    regional_per_capita: usize,
}

#[derive(Serialize)]
struct DataJson {
    nations: usize,
    gdp_sources: GdpSources,
    datasets: Vec<DatasetRow>,
    notice: &'static str,
}

fn years(it: impl Iterator<Item = i32>) -> String {
    let set: BTreeSet<i32> = it.collect();
    match (set.first(), set.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "none".into(),
    }
}

/// Describes the embedded data.
pub fn data(args: DataArgs) -> anyhow::Result<()> {
    let w = WorldData::embedded();
    let count = |s: GdpSource| w.nations.iter().filter(|n| n.gdp_source == s).count();
    let distinct = |codes: Vec<&str>| codes.into_iter().collect::<BTreeSet<_>>().len();
    let icio_economies = distinct(w.icio_totals.iter().map(|t| t.iso3.as_str()).collect());
    let in_icio = w.nations.iter().filter(|n| n.in_icio).count();
    let coverage_and_rows = |file: &str| -> (usize, String) {
        match file {
            "countries.csv" => (
                w.nations.len(),
                format!(
                    "{} nations; GDP from PWT {}, Natural Earth {}, regional estimate {}",
                    w.nations.len(),
                    count(GdpSource::Pwt),
                    count(GdpSource::NaturalEarth),
                    count(GdpSource::RegionalPerCapita)
                ),
            ),
            "borders.csv" => (
                w.borders.len(),
                format!(
                    "{} nations with a land border",
                    distinct(w.borders.iter().flat_map(|b| [b.a.as_str(), b.b.as_str()]).collect())
                ),
            ),
            "icio2022_intermediate_flows_80.csv" => (
                w.icio_flows.len(),
                format!(
                    "{icio_economies} economies, {in_icio} of them among the nations (HKG folded into CHN)"
                ),
            ),
            "icio2022_country_totals_80.csv" => (w.icio_totals.len(), format!("{icio_economies} economies")),
            "gravity_coefficients.csv" => (
                w.gravity.len(),
                format!("{} specifications", distinct(w.gravity.iter().map(|g| g.spec.as_str()).collect())),
            ),
            "owid_co2_2000_2019.csv" => (
                w.co2.len(),
                format!(
                    "{} nations, {}",
                    distinct(w.co2.iter().map(|r| r.iso3.as_str()).collect()),
                    years(w.co2.iter().map(|r| r.year))
                ),
            ),
            "pwt91_panel_2000_2017.csv" => (
                w.pwt_panel.len(),
                format!(
                    "{} nations, {}",
                    distinct(w.pwt_panel.iter().map(|r| r.iso3.as_str()).collect()),
                    years(w.pwt_panel.iter().map(|r| r.year))
                ),
            ),
            _ => (0, String::new()),
        }
    };
    let datasets: Vec<DatasetRow> = DATASETS
        .iter()
        .map(|d| {
            let (rows, coverage) = coverage_and_rows(d.file);
            DatasetRow {
                file: d.file,
                content: d.content,
                source: d.source,
                licence: d.licence,
                rows,
                coverage,
            }
        })
        .collect();
    let out = DataJson {
        nations: w.nations.len(),
        gdp_sources: GdpSources {
            pwt: count(GdpSource::Pwt),
            natural_earth: count(GdpSource::NaturalEarth),
            regional_per_capita: count(GdpSource::RegionalPerCapita),
        },
        datasets,
        notice: NOTICE,
    };
    match args.format {
        Format::Json => print_json(&out),
        Format::Table => {
            let mut table = Table::new(["file", "rows", "coverage", "licence"]);
            for d in &out.datasets {
                table.row([
                    d.file.to_string(),
                    d.rows.to_string(),
                    d.coverage.clone(),
                    d.licence.to_string(),
                ]);
            }
            let mut text = format!("{table}\nsources:\n");
            for d in &out.datasets {
                text.push_str(&format!("  {}: {}\n", d.file, d.source));
            }
            text.push_str(
                "the full notice: `commonweal data --format json` (field `notice`) or data/NOTICE.md\n",
            );
            print(&text)
        }
        Format::Csv => bail!("--format csv is not offered by `data`; use table or json"),
    }
}
