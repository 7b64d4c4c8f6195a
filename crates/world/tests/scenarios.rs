//! Scenario files end to end: the corpus of bad scenarios under `tests/bad_scenarios/` (each file
//! states the line and the message it must produce in its first two comment lines), and fuzzing
//! of the parser with arbitrary and mutated text, which must never panic.

use commonweal_world::data::WorldData;
use commonweal_world::scenario::{DEFAULT_SCENARIO_TOML, Scenario, ScenarioError};
use proptest::prelude::*;
use std::path::Path;

fn check(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    let s = Scenario::parse(text, file)?;
    let codes: Vec<String> = WorldData::embedded().nations.iter().map(|v| v.iso3.clone()).collect();
    s.check_nations(&codes)?;
    Ok(s)
}

#[test]
fn every_bad_scenario_gives_its_clear_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 15, "the corpus has {} files", files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = text.lines();
        let line: usize = lines.next().unwrap().strip_prefix("# expect-line: ").unwrap().parse().unwrap();
        let expect = lines.next().unwrap().strip_prefix("# expect: ").unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let err = check(&text, &name).expect_err(&name);
        let msg = err.to_string();
        assert_eq!(err.line, Some(line), "{name}: {msg}");
        assert!(msg.starts_with(&format!("{name}:{line}: ")), "{name}: {msg}");
        assert!(msg.contains(expect), "{name}: {msg:?} lacks {expect:?}");
        assert!(!msg.contains('\n'), "{name}: the message is one line: {msg:?}");
    }
}

#[test]
fn the_template_is_the_default_and_checks() {
    let s = check(DEFAULT_SCENARIO_TOML, "scenario.toml").unwrap();
    assert_eq!(s.regimes, Scenario::default_scenario().regimes);
    // Every key of the template is commented: each assignment has a comment line above it or
    // belongs to an inline example.
    let documented = DEFAULT_SCENARIO_TOML.lines().filter(|l| l.trim_start().starts_with('#')).count();
    assert!(documented > 40, "{documented} comment lines");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Arbitrary text never panics the parser.
    #[test]
    fn parser_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let _ = Scenario::parse(&text, "fuzz.toml");
    }

    /// The template with one line replaced, deleted or duplicated never panics the parser, and an
    /// error always names the file.
    #[test]
    fn parser_never_panics_on_mutated_templates(line in 0usize..200, op in 0u8..3, junk in "[a-z_=\\[\\]\"{}0-9., -]{0,30}") {
        let mut lines: Vec<String> = DEFAULT_SCENARIO_TOML.lines().map(String::from).collect();
        let k = line % lines.len();
        match op {
            0 => lines[k] = junk,
            1 => { lines.remove(k); }
            _ => { let copy = lines[k].clone(); lines.insert(k, copy); }
        }
        if let Err(e) = Scenario::parse(&lines.join("\n"), "mutant.toml") {
            prop_assert!(e.to_string().starts_with("mutant.toml"));
        }
    }

    /// Numbers anywhere in range or out of it: parse gives a scenario or a field error, never a panic.
    #[test]
    fn parser_never_panics_on_arbitrary_numbers(alpha in any::<f64>(), years in any::<i64>(), p in any::<f64>()) {
        let text = format!("[run]\nyears = {years}\n[economy]\nalpha = {alpha:?}\n[shocks]\ncrisis_probability = {p:?}\n");
        let _ = Scenario::parse(&text, "n.toml");
    }
}

#[test]
fn a_data_table_names_the_replaced_datasets_with_their_lines() {
    let text = "name = \"user\"\n[data]\ncountries = \"c.csv\"\n\nco2 = \"sub/co2.csv\"\n";
    let s = check(text, "user.toml").unwrap();
    let got: Vec<(&str, &str, usize)> = s.data.iter().map(|d| (d.dataset, d.path.as_str(), d.line)).collect();
    assert_eq!(got, [("countries", "c.csv", 3), ("co2", "sub/co2.csv", 5)]);
    assert!(check(DEFAULT_SCENARIO_TOML, "scenario.toml").unwrap().data.is_empty());
}

/// The shipped climate scenario checks, and its regimes order as the climate game says they
/// must: cooperation warms least, universal zero-sum play most, conditional cooperation (where
/// everyone reciprocates) as much as cooperation, and the club in between.
#[test]
fn the_climate_regimes_scenario_orders_its_regimes() {
    use commonweal_world::default_world::default_arena;
    use commonweal_world::ensemble::run_ensemble;
    use commonweal_world::sim::Prepared;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/climate_regimes.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut s = check(&text, "climate_regimes.toml").unwrap();
    assert!(s.climate.enabled);
    let club = s.regimes[3].club.as_ref().expect("the club regime has a club");
    assert!(club.members.len() > 30 && club.target_price > 0.0 && club.penalty_tariff > 0.0);
    (s.years, s.replicates) = (8, 2);
    let arena = default_arena(&s.trade).unwrap();
    let p = Prepared::new(s, arena).unwrap();
    let summary = run_ensemble(&p, &|_| {});
    let committed = |name: &str| {
        let r = summary.regimes.iter().find(|r| r.name == name).unwrap();
        r.climate.as_ref().unwrap().committed_2100.mean
    };
    let (nash, coop, cond, club) =
        (committed("non_cooperative"), committed("cooperative"), committed("conditional"), committed("club"));
    assert!(coop < club && club < nash, "cooperative {coop}, club {club}, non-cooperative {nash}");
    assert!((cond - coop).abs() < 1e-9, "conditional {cond} vs cooperative {coop}");
    // Outsiders pay the penalty tariff: Russia ends poorer under the club than under zero-sum play.
    let rus = |name: &str| {
        let r = summary.regimes.iter().find(|r| r.name == name).unwrap();
        r.nations.iter().find(|v| v.iso3 == "RUS").unwrap().income_index.mean
    };
    assert!(rus("club") < rus("non_cooperative"));
}
