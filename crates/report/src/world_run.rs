//! Outputs of `commonweal run`: the summary as JSON, per-year and per-nation CSV, SVG charts and
//! a self-contained HTML report.
//!
//! The JSON and CSV layouts are the wire formats of a run; the core [`Summary`] is converted
//! here, never serialised directly, so the core types can change without breaking files.

use commonweal_world::ensemble::{Interval, RegimeSummary, Summary, YearPoint};
use plotters::prelude::*;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Why outputs could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A chart could not be drawn.
    #[error("cannot draw chart {name}: {message}")]
    Chart {
        /// The chart.
        name: &'static str,
        /// The drawing error.
        message: String,
    },
    /// CSV encoding failed.
    #[error("cannot encode CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// What a report says about how the run was made.
#[derive(Clone, Debug)]
pub struct RunMeta {
    /// commonweal's version.
    pub version: String,
    /// The scenario file as given, or `<default>`.
    pub scenario_file: String,
    /// The scenario's TOML text.
    pub scenario_text: String,
    /// The data provenance and licence notice.
    pub data_notice: String,
    /// Which data the world was built from: `embedded`, or the scenario's `[data]` files.
    pub data: String,
    /// Threads used (recorded, not part of the results).
    pub threads: usize,
}

fn interval(iv: &Interval) -> Value {
    json!({ "mean": iv.mean, "lo": iv.lo, "hi": iv.hi })
}

/// The summary as JSON: `{"version", "seed", "scenario", …, "regimes": [{"name", metric: {"mean",
/// "lo", "hi"}, …}]}`.
pub fn summary_json(summary: &Summary, meta: &RunMeta) -> Value {
    let regimes: Vec<Value> = summary
        .regimes
        .iter()
        .map(|r| {
            let shares: serde_json::Map<String, Value> = summary
                .doctrines
                .iter()
                .zip(&r.doctrine_shares)
                .map(|(d, iv)| (d.clone(), interval(iv)))
                .collect();
            json!({
                "name": r.name,
                "world_income_index": interval(&r.world_income_index),
                "win_win_share": interval(&r.win_win_share),
                "gini": interval(&r.gini),
                "cooperation_rate": interval(&r.cooperation_rate),
                "mean_barrier": interval(&r.mean_barrier),
                "trust": interval(&r.trust),
                "crises_per_year": interval(&r.crises_per_year),
                "doctrine_shares": shares,
                "climate": r.climate.as_ref().map(|c| json!({
                    "temperature_final_year_c": interval(&c.temperature),
                    "temperature_2100_committed_c": interval(&c.committed_2100),
                    "damages_pct_of_world_output": interval(&c.damages_pct),
                    "abatement_cost_pct_of_world_output": interval(&c.abatement_pct),
                })),
            })
        })
        .collect();
    let blocs: Vec<Value> =
        summary.blocs.iter().map(|(name, size)| json!({ "name": name, "nations": size })).collect();
    json!({
        "version": meta.version,
        "seed": summary.seed,
        "scenario": summary.scenario,
        "scenario_file": meta.scenario_file,
        "data": meta.data,
        "years": summary.years,
        "replicates": summary.replicates,
        "nations": summary.nations,
        "links": summary.links,
        "blocs": blocs,
        "intervals": "2.5th to 97.5th percentile over replicates",
        "regimes": regimes,
    })
}

/// Per-year world series: one row per regime and year.
pub fn series_csv(summary: &Summary) -> Result<String, ReportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["regime".to_string(), "year".to_string()];
    for m in ["world_income_index", "win_win_share", "cooperation_rate", "mean_barrier", "trust"] {
        for part in ["mean", "lo", "hi"] {
            header.push(format!("{m}_{part}"));
        }
    }
    header.extend(summary.doctrines.iter().map(|d| format!("share_{d}")));
    for m in ["temperature_c", "emissions_gtco2", "damages_pct", "abatement_cost_pct"] {
        for part in ["mean", "lo", "hi"] {
            header.push(format!("{m}_{part}"));
        }
    }
    w.write_record(&header)?;
    for r in &summary.regimes {
        for p in &r.series {
            let mut row = vec![r.name.clone(), p.year.to_string()];
            for iv in
                [&p.world_income_index, &p.win_win_share, &p.cooperation_rate, &p.mean_barrier, &p.trust]
            {
                row.extend([iv.mean, iv.lo, iv.hi].map(|x| x.to_string()));
            }
            row.extend(p.doctrine_shares.iter().map(|x| x.to_string()));
            match &p.climate {
                Some(c) => {
                    for iv in [&c.temperature, &c.emissions, &c.damages_pct, &c.abatement_pct] {
                        row.extend([iv.mean, iv.lo, iv.hi].map(|x| x.to_string()));
                    }
                }
                None => row.extend(std::iter::repeat_n(String::new(), 12)),
            }
            w.write_record(&row)?;
        }
    }
    Ok(String::from_utf8(w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?)
        .expect("CSV of UTF-8 text is UTF-8"))
}

/// Per-nation results: one row per regime and nation.
pub fn nations_csv(summary: &Summary) -> Result<String, ReportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "regime",
        "iso3",
        "name",
        "income_index_mean",
        "income_index_lo",
        "income_index_hi",
        "gain_vs_zero_sum_pct_mean",
        "gain_vs_zero_sum_pct_lo",
        "gain_vs_zero_sum_pct_hi",
        "climate_cost_pct_mean",
        "climate_cost_pct_lo",
        "climate_cost_pct_hi",
    ])?;
    for r in &summary.regimes {
        for v in &r.nations {
            let (a, g) = (&v.income_index, &v.gain_vs_zero_sum_pct);
            let c = v.climate_cost_pct.map_or([String::new(), String::new(), String::new()], |c| {
                [c.mean.to_string(), c.lo.to_string(), c.hi.to_string()]
            });
            let [c_mean, c_lo, c_hi] = c;
            w.write_record([
                r.name.clone(),
                v.iso3.clone(),
                v.name.clone(),
                a.mean.to_string(),
                a.lo.to_string(),
                a.hi.to_string(),
                g.mean.to_string(),
                g.lo.to_string(),
                g.hi.to_string(),
                c_mean,
                c_lo,
                c_hi,
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?)
        .expect("CSV of UTF-8 text is UTF-8"))
}

fn chart_err(name: &'static str) -> impl Fn(String) -> ReportError {
    move |message| ReportError::Chart { name, message }
}

const WIDTH: u32 = 860;
const HEIGHT: u32 = 460;

/// A line chart of one interval metric over years, one line and band per regime.
fn band_chart(
    summary: &Summary,
    name: &'static str,
    title: &str,
    y_label: &str,
    metric: impl Fn(&YearPoint) -> Option<Interval>,
) -> Result<String, ReportError> {
    let mut svg = String::new();
    {
        let fail = chart_err(name);
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for r in &summary.regimes {
            for iv in r.series.iter().filter_map(&metric) {
                lo = lo.min(iv.lo);
                hi = hi.max(iv.hi);
            }
        }
        if !(lo.is_finite() && hi.is_finite()) {
            (lo, hi) = (0.0, 1.0);
        }
        let pad = ((hi - lo) * 0.05).max(1e-6);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..summary.years.max(1) as f64, (lo - pad)..(hi + pad))
            .map_err(|e| fail(e.to_string()))?;
        chart
            .configure_mesh()
            .x_desc("years after the base year")
            .y_desc(y_label)
            .draw()
            .map_err(|e| fail(e.to_string()))?;
        for (k, r) in summary.regimes.iter().enumerate() {
            let color = Palette99::pick(k).to_rgba();
            let points: Vec<(f64, Interval)> =
                r.series.iter().filter_map(|p| metric(p).map(|iv| (p.year as f64, iv))).collect();
            if points.is_empty() {
                continue;
            }
            let mut band: Vec<(f64, f64)> = points.iter().map(|(x, iv)| (*x, iv.hi)).collect();
            band.extend(points.iter().rev().map(|(x, iv)| (*x, iv.lo)));
            chart
                .draw_series(std::iter::once(Polygon::new(band, color.mix(0.18))))
                .map_err(|e| fail(e.to_string()))?;
            chart
                .draw_series(LineSeries::new(
                    points.iter().map(|(x, iv)| (*x, iv.mean)),
                    color.stroke_width(2),
                ))
                .map_err(|e| fail(e.to_string()))?
                .label(r.name.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(|e| fail(e.to_string()))?;
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    Ok(svg)
}

/// World real income relative to the base year, by regime, with 95 % bands.
pub fn chart_world_income(summary: &Summary) -> Result<String, ReportError> {
    band_chart(
        summary,
        "world_income",
        "World real income by regime (base year = 1)",
        "world income index",
        |p| Some(p.world_income_index),
    )
}

/// Share of nations better off than under universal zero-sum play, by regime.
pub fn chart_win_win(summary: &Summary) -> Result<String, ReportError> {
    band_chart(
        summary,
        "win_win_share",
        "Win-win share: nations better off than under universal zero-sum play",
        "share of nations",
        |p| Some(p.win_win_share),
    )
}

/// Atmospheric temperature by regime, with 95 % bands (an empty chart when the scenario has no
/// climate arena).
pub fn chart_temperature(summary: &Summary) -> Result<String, ReportError> {
    band_chart(
        summary,
        "temperature",
        "Atmospheric temperature by regime (°C above 1900)",
        "temperature (°C)",
        |p| p.climate.as_ref().map(|c| c.temperature),
    )
}

/// Doctrine shares over time: one panel per regime, one line per doctrine.
pub fn chart_doctrines(summary: &Summary) -> Result<String, ReportError> {
    let mut svg = String::new();
    {
        let fail = chart_err("doctrines");
        let k = summary.regimes.len().max(1);
        let cols = k.min(2);
        let rows = k.div_ceil(cols);
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 300 * rows as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
        let panels = root.split_evenly((rows, cols));
        for (panel, r) in panels.iter().zip(&summary.regimes) {
            let mut chart = ChartBuilder::on(panel)
                .caption(format!("doctrine shares: {}", r.name), ("sans-serif", 16))
                .margin(10)
                .x_label_area_size(28)
                .y_label_area_size(40)
                .build_cartesian_2d(0f64..summary.years.max(1) as f64, 0f64..1f64)
                .map_err(|e| fail(e.to_string()))?;
            chart.configure_mesh().draw().map_err(|e| fail(e.to_string()))?;
            for (d, name) in summary.doctrines.iter().enumerate() {
                if r.series.iter().all(|p| p.doctrine_shares[d] == 0.0) {
                    continue;
                }
                let color = Palette99::pick(d + 5).to_rgba();
                chart
                    .draw_series(LineSeries::new(
                        r.series.iter().map(|p| (p.year as f64, p.doctrine_shares[d])),
                        color.stroke_width(2),
                    ))
                    .map_err(|e| fail(e.to_string()))?
                    .label(name.clone())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
            }
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .position(SeriesLabelPosition::MiddleRight)
                .draw()
                .map_err(|e| fail(e.to_string()))?;
        }
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    Ok(svg)
}

/// The regime whose per-nation gains are charted: the first that is not universal zero-sum play.
pub fn gains_regime(summary: &Summary) -> Option<&RegimeSummary> {
    summary.regimes.iter().find(|r| r.win_win_share.mean > 0.0).or(summary.regimes.first())
}

/// Per-nation gains against universal zero-sum play, ranked, with the extremes labelled.
pub fn chart_gains(summary: &Summary) -> Result<String, ReportError> {
    let mut svg = String::new();
    {
        let fail = chart_err("gains");
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
        let Some(regime) = gains_regime(summary) else {
            root.present().map_err(|e| fail(e.to_string()))?;
            drop(root);
            return Ok(svg);
        };
        let mut rows: Vec<(&str, f64)> =
            regime.nations.iter().map(|v| (v.iso3.as_str(), v.gain_vs_zero_sum_pct.mean)).collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1));
        let lo = rows.iter().map(|r| r.1).fold(0.0f64, f64::min);
        let hi = rows.iter().map(|r| r.1).fold(0.0f64, f64::max);
        let pad = ((hi - lo) * 0.08).max(1e-6);
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!(
                    "Real income under {} relative to universal zero-sum play, final year (%)",
                    regime.name
                ),
                ("sans-serif", 17),
            )
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..rows.len().max(1) as f64, (lo - pad)..(hi + pad))
            .map_err(|e| fail(e.to_string()))?;
        chart
            .configure_mesh()
            .x_desc("nations ranked by gain")
            .y_desc("gain (%)")
            .draw()
            .map_err(|e| fail(e.to_string()))?;
        chart
            .draw_series(rows.iter().enumerate().map(|(k, (_, g))| {
                let color = if *g >= 0.0 { RGBColor(46, 125, 50) } else { RGBColor(198, 40, 40) };
                Rectangle::new([(k as f64 + 0.1, 0.0), (k as f64 + 0.9, *g)], color.filled())
            }))
            .map_err(|e| fail(e.to_string()))?;
        let n = rows.len();
        let labelled: Vec<usize> = (0..n.min(5)).chain(n.saturating_sub(5).max(n.min(5))..n).collect();
        chart
            .draw_series(labelled.into_iter().map(|k| {
                let (code, g) = rows[k];
                Text::new(code.to_string(), (k as f64, g), ("sans-serif", 11).into_font())
            }))
            .map_err(|e| fail(e.to_string()))?;
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    Ok(svg)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn cell(iv: &Interval, digits: usize) -> String {
    format!("{:.d$} [{:.d$}, {:.d$}]", iv.mean, iv.lo, iv.hi, d = digits)
}

/// The column names of a run's summary table, shared by the terminal table and `report.html`.
pub const SUMMARY_COLUMNS: [&str; 10] = [
    "regime",
    "world income index",
    "win-win share",
    "gini",
    "cooperation",
    "mean barrier",
    "trust",
    "crises/year",
    "final-year °C",
    "2100 °C committed",
];

/// One regime's row of the summary table (mean [95 % interval] per metric), in the order of
/// [`SUMMARY_COLUMNS`].
pub fn regime_row(r: &RegimeSummary) -> [String; 10] {
    let climate = |f: &dyn Fn(&commonweal_world::ensemble::RegimeClimate) -> Interval| {
        r.climate.as_ref().map_or("–".to_string(), |c| cell(&f(c), 2))
    };
    [
        r.name.clone(),
        cell(&r.world_income_index, 3),
        cell(&r.win_win_share, 3),
        cell(&r.gini, 3),
        cell(&r.cooperation_rate, 3),
        cell(&r.mean_barrier, 3),
        cell(&r.trust, 3),
        cell(&r.crises_per_year, 2),
        climate(&|c| c.temperature),
        climate(&|c| c.committed_2100),
    ]
}

/// The self-contained HTML report: summary table, charts inline, scenario, seed, version, notice.
pub fn report_html(summary: &Summary, meta: &RunMeta, charts: &[(&str, String)]) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>commonweal run: {name}</title>\n\
         <style>body{{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}}\
         table{{border-collapse:collapse;font-size:0.9em}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}\
         th:first-child,td:first-child{{text-align:left}}pre{{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:0.8em}}\
         figure{{margin:1.5em 0}}</style></head><body>\n\
         <h1>commonweal run: {name}</h1>\n\
         <p>commonweal {version} · seed {seed} · {years} years · {reps} replicates per regime · {nations} nations · \
         {links} linked pairs · scenario file <code>{file}</code></p>\n\
         <p>Each figure is the mean over replicates with its 95 % interval (2.5th–97.5th percentile of the \
         replicate values). Every regime of a replicate meets the same financial crises (common random numbers).</p>\n",
        name = escape(&summary.scenario),
        version = escape(&meta.version),
        seed = summary.seed,
        years = summary.years,
        reps = summary.replicates,
        nations = summary.nations,
        links = summary.links,
        file = escape(&meta.scenario_file),
    );
    html.push_str("<h2>Summary</h2>\n<table><tr>");
    for column in SUMMARY_COLUMNS {
        let _ = write!(html, "<th>{}</th>", escape(column));
    }
    html.push_str("</tr>\n");
    for r in &summary.regimes {
        html.push_str("<tr>");
        for value in regime_row(r) {
            let _ = write!(html, "<td>{}</td>", escape(&value));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
    let blocs: Vec<String> = summary.blocs.iter().map(|(n, k)| format!("{} ({k})", escape(n))).collect();
    let _ = writeln!(html, "<p>Blocs: {}.</p>", blocs.join(", "));
    for (title, svg) in charts {
        let _ =
            writeln!(html, "<figure><figcaption><b>{}</b></figcaption>\n{}\n</figure>", escape(title), svg);
    }
    let _ = writeln!(html, "<h2>Scenario</h2>\n<pre>{}</pre>", escape(&meta.scenario_text));
    let _ = writeln!(html, "<p>World data: {}.</p>", escape(&meta.data));
    let _ = writeln!(html, "<h2>Data notice</h2>\n<pre>{}</pre>", escape(&meta.data_notice));
    html.push_str("</body></html>\n");
    html
}

/// The files of a run, relative to its output directory.
pub const RUN_FILES: [&str; 9] = [
    "summary.json",
    "world_series.csv",
    "nations.csv",
    "world_income.svg",
    "win_win_share.svg",
    "doctrine_shares.svg",
    "nation_gains.svg",
    "temperature.svg",
    "report.html",
];

/// Writes every output of a run into `dir` (which must exist) and returns their paths.
pub fn write_run(dir: &Path, summary: &Summary, meta: &RunMeta) -> Result<Vec<PathBuf>, ReportError> {
    let mut json = serde_json::to_string_pretty(&summary_json(summary, meta)).expect("JSON values serialise");
    json.push('\n');
    let charts = [
        ("World real income by regime", chart_world_income(summary)?),
        ("Win-win share over time", chart_win_win(summary)?),
        ("Doctrine shares over time", chart_doctrines(summary)?),
        ("Per-nation gains against universal zero-sum play", chart_gains(summary)?),
        ("Atmospheric temperature by regime", chart_temperature(summary)?),
    ];
    let html = report_html(summary, meta, &charts);
    let contents: [String; 9] = [
        json,
        series_csv(summary)?,
        nations_csv(summary)?,
        charts[0].1.clone(),
        charts[1].1.clone(),
        charts[2].1.clone(),
        charts[3].1.clone(),
        charts[4].1.clone(),
        html,
    ];
    let mut paths = Vec::new();
    for (name, text) in RUN_FILES.iter().zip(contents) {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|source| ReportError::Io { path: path.clone(), source })?;
        paths.push(path);
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use commonweal_world::ensemble::{NationResult, RegimeClimate, YearClimate};

    fn iv(x: f64) -> Interval {
        Interval { mean: x, lo: x - 0.1, hi: x + 0.1 }
    }

    fn summary() -> Summary {
        // The win-win regime has climate results, the zero-sum one (as if disabled) none.
        let regime = |name: &str, share: f64| RegimeSummary {
            name: name.into(),
            world_income_index: iv(1.2),
            win_win_share: iv(share),
            gini: iv(0.4),
            cooperation_rate: iv(0.9),
            mean_barrier: iv(0.02),
            trust: iv(0.8),
            crises_per_year: iv(6.0),
            doctrine_shares: vec![iv(1.0), iv(0.0)],
            series: (0..=3)
                .map(|t| YearPoint {
                    year: t,
                    world_income_index: iv(1.0 + 0.1 * t as f64),
                    win_win_share: iv(share),
                    cooperation_rate: iv(0.9),
                    mean_barrier: iv(0.02),
                    trust: iv(0.7),
                    doctrine_shares: vec![1.0, 0.0],
                    climate: (share > 0.0).then(|| YearClimate {
                        temperature: iv(1.1 + 0.03 * t as f64),
                        emissions: iv(35.0),
                        damages_pct: iv(0.1 * t as f64),
                        abatement_pct: iv(0.05),
                    }),
                })
                .collect(),
            nations: ["AAA", "BBB", "CCC"]
                .iter()
                .enumerate()
                .map(|(k, c)| NationResult {
                    iso3: c.to_string(),
                    name: format!("Nation <{c}>"),
                    income_index: iv(1.1),
                    gain_vs_zero_sum_pct: iv(k as f64 - 1.0),
                    climate_cost_pct: (share > 0.0).then(|| iv(0.4)),
                })
                .collect(),
            climate: (share > 0.0).then(|| RegimeClimate {
                temperature: iv(1.2),
                committed_2100: iv(2.9),
                damages_pct: iv(0.2),
                abatement_pct: iv(0.05),
            }),
        };
        Summary {
            scenario: "test".into(),
            seed: 7,
            years: 3,
            replicates: 2,
            nations: 3,
            links: 2,
            doctrines: vec!["win_win".into(), "zero_sum".into()],
            blocs: vec![("bloc A".into(), 2), ("non-aligned".into(), 1)],
            regimes: vec![regime("win_win", 0.6), regime("zero_sum", 0.0)],
        }
    }

    fn meta() -> RunMeta {
        RunMeta {
            version: "0.0.0".into(),
            scenario_file: "<default>".into(),
            scenario_text: "name = \"test\"".into(),
            data_notice: "Data notice & sources".into(),
            data: "embedded".into(),
            threads: 1,
        }
    }

    #[test]
    fn json_has_the_contract_fields() {
        let v = summary_json(&summary(), &meta());
        assert_eq!(v["seed"], 7);
        assert_eq!(v["version"], "0.0.0");
        assert_eq!(v["data"], "embedded");
        let r = &v["regimes"][0];
        assert_eq!(r["name"], "win_win");
        for m in [
            "world_income_index",
            "win_win_share",
            "gini",
            "cooperation_rate",
            "mean_barrier",
            "crises_per_year",
        ] {
            assert!(r[m]["mean"].is_number() && r[m]["lo"].is_number() && r[m]["hi"].is_number(), "{m}");
        }
        assert_eq!(r["climate"]["temperature_2100_committed_c"]["mean"], 2.9);
        assert!(v["regimes"][1]["climate"].is_null());
    }

    #[test]
    fn summary_row_carries_temperatures_or_a_dash() {
        let s = summary();
        let row = regime_row(&s.regimes[0]);
        assert_eq!(row.len(), SUMMARY_COLUMNS.len());
        assert_eq!(row[8], "1.20 [1.10, 1.30]");
        assert_eq!(row[9], "2.90 [2.80, 3.00]");
        assert_eq!(regime_row(&s.regimes[1])[9], "–");
    }

    #[test]
    fn csv_have_one_row_per_regime_and_year_or_nation() {
        let s = summary();
        let series = series_csv(&s).unwrap();
        assert_eq!(series.lines().count(), 1 + 2 * 4);
        let header: Vec<&str> = series.lines().next().unwrap().split(',').collect();
        let col = header.iter().position(|h| *h == "temperature_c_mean").unwrap();
        let row: Vec<&str> = series.lines().nth(3).unwrap().split(',').collect();
        assert_eq!(row[col].parse::<f64>().unwrap(), 1.1 + 0.03 * 2.0);
        let last: Vec<&str> = series.lines().last().unwrap().split(',').collect();
        assert_eq!(last.len(), header.len());
        assert_eq!(last[col], "", "no climate, no temperature");
        let nations = nations_csv(&s).unwrap();
        assert_eq!(nations.lines().count(), 1 + 2 * 3);
        assert!(nations.lines().next().unwrap().starts_with("regime,iso3,name,"));
    }

    #[test]
    fn charts_and_report_are_self_contained() {
        let s = summary();
        for svg in [
            chart_world_income(&s),
            chart_win_win(&s),
            chart_doctrines(&s),
            chart_gains(&s),
            chart_temperature(&s),
        ] {
            let svg = svg.unwrap();
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        }
        let html = report_html(&s, &meta(), &[("World", chart_world_income(&s).unwrap())]);
        assert!(
            html.contains("seed 7") && html.contains("Data notice &amp; sources") && html.contains("<svg")
        );
        assert!(!html.contains("<script"), "no external or inline scripts");
        assert_eq!(gains_regime(&s).unwrap().name, "win_win");
        // Without the climate arena the temperature chart is drawn empty, not refused.
        let mut bare = summary();
        for r in &mut bare.regimes {
            r.climate = None;
            r.series.iter_mut().for_each(|p| p.climate = None);
        }
        let empty = chart_temperature(&bare).unwrap();
        assert!(empty.starts_with("<svg") && !empty.contains("win_win"));
        assert!(chart_temperature(&s).unwrap().contains("win_win"));
    }
}
