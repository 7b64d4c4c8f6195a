//! `commonweal run` and `commonweal scenario` end to end: the files a run writes, the JSON
//! contract, the same summary for 1 and 2 threads, refusal to overwrite, and scenario
//! init/check with one-line errors and exit code 2.

mod common;

use common::{run_in, scratch, stderr};

#[test]
fn run_writes_every_output_and_is_thread_count_independent() {
    let dir = scratch("run-run");
    let small = ["--replicates", "3", "--years", "6", "--seed", "11"];
    let one = run_in(&dir, &[&["run", "--threads", "1", "--out", "one"][..], &small].concat());
    assert!(one.status.success(), "{}", stderr(&one));
    let table = String::from_utf8_lossy(&one.stdout);
    for regime in ["win_win", "zero_sum", "blocs", "mixed_learning"] {
        assert!(table.contains(regime), "{table}");
    }
    assert!(table.contains("report: one/report.html"), "{table}");
    for file in commonweal_report::world_run::RUN_FILES {
        assert!(dir.join("one").join(file).is_file(), "{file} missing");
    }
    let series = std::fs::read_to_string(dir.join("one/world_series.csv")).unwrap();
    assert_eq!(series.lines().count(), 1 + 4 * 7, "4 regimes × (6 years + base year)");
    let nations = std::fs::read_to_string(dir.join("one/nations.csv")).unwrap();
    assert_eq!(nations.lines().count(), 1 + 4 * 196);
    let html = std::fs::read_to_string(dir.join("one/report.html")).unwrap();
    assert!(html.contains("seed 11") && html.contains("Data notice") && html.contains("<svg"));

    // Same seed, two threads, JSON on stdout: the identical summary.
    let two =
        run_in(&dir, &[&["run", "--threads", "2", "--out", "two", "--format", "json"][..], &small].concat());
    assert!(two.status.success(), "{}", stderr(&two));
    let a = std::fs::read(dir.join("one/summary.json")).unwrap();
    let b = std::fs::read(dir.join("two/summary.json")).unwrap();
    assert_eq!(a, b, "summary.json differs between 1 and 2 threads");
    let v: serde_json::Value = serde_json::from_slice(&two.stdout).expect("stdout is the JSON summary");
    assert_eq!(v["seed"], 11);
    assert!(v["version"].is_string() && v["scenario"].is_string());
    let regimes = v["regimes"].as_array().unwrap();
    assert_eq!(regimes.len(), 4);
    for r in regimes {
        for m in [
            "world_income_index",
            "win_win_share",
            "gini",
            "cooperation_rate",
            "mean_barrier",
            "crises_per_year",
        ] {
            let (mean, lo, hi) =
                (r[m]["mean"].as_f64().unwrap(), r[m]["lo"].as_f64().unwrap(), r[m]["hi"].as_f64().unwrap());
            assert!(lo <= mean + 1e-12 && mean <= hi + 1e-12, "{m}: {lo} {mean} {hi}");
        }
        // The default scenario has the climate arena in every regime.
        let t2100 = r["climate"]["temperature_2100_committed_c"]["mean"].as_f64().unwrap();
        assert!((1.5..6.0).contains(&t2100), "{t2100}");
    }
    assert!(table.contains("2100 °C committed"), "{table}");
    assert!(series.lines().next().unwrap().contains("temperature_c_mean"));
    assert!(stderr(&two).contains("report: two/report.html"));

    // Never silently over earlier results.
    let again = run_in(&dir, &[&["run", "--out", "one"][..], &small].concat());
    assert_eq!(again.status.code(), Some(2));
    let msg = stderr(&again);
    assert!(
        msg.starts_with("error: --out one: directory exists and is not empty") && msg.contains("--force"),
        "{msg}"
    );
    assert_eq!(msg.trim_end().lines().count(), 1, "{msg}");
    assert_eq!(std::fs::read(dir.join("one/summary.json")).unwrap(), a, "refused run left the files alone");
}

#[test]
fn bad_flags_are_one_line_errors() {
    let dir = scratch("run-flags");
    let out = run_in(&dir, &["run", "--replicates", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim_end(), "error: --replicates 0: valid values are 1 to 100000");
    let out = run_in(&dir, &["run", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: cannot read scenario missing.toml"), "{}", stderr(&out));
}

#[test]
fn scenario_init_writes_a_template_that_checks_and_never_overwrites() {
    let dir = scratch("run-init");
    let out = run_in(&dir, &["scenario", "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("scenario.toml")).unwrap();
    assert!(text.contains("[[regime]]") && text.starts_with('#'));
    let again = run_in(&dir, &["scenario", "init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists") && stderr(&again).contains("--force"));
    std::fs::write(dir.join("scenario.toml"), "edited").unwrap();
    assert!(run_in(&dir, &["scenario", "init", "--force"]).status.success());
    assert_eq!(std::fs::read_to_string(dir.join("scenario.toml")).unwrap(), text);

    let ok = run_in(&dir, &["scenario", "check", "scenario.toml"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("ok: scenario.toml"));

    let shipped =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/climate_regimes.toml");
    let ok = run_in(&dir, &["scenario", "check", shipped.to_str().unwrap()]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let said = String::from_utf8_lossy(&ok.stdout);
    assert!(said.contains("climate on") && said.contains("clubs: club (43 members)"), "{said}");

    std::fs::write(dir.join("bad.toml"), "[trade]\nbarrier_tariff = 9\n").unwrap();
    let bad = run_in(&dir, &["scenario", "check", "bad.toml"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        stderr(&bad).trim_end(),
        "error: bad.toml:2: field `trade.barrier_tariff`: got 9; valid: a number from 0 to 5"
    );
}
