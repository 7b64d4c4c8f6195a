//! Tests of the data parsers: the embedded world and errors on bad user data.

use super::*;

#[test]
fn embedded_world_parses_with_every_dataset() {
    let w = WorldData::embedded();
    assert_eq!(w.nations.len(), 196);
    assert_eq!(w.borders.len(), 317);
    assert_eq!(w.icio_flows.len(), 6400);
    assert_eq!(w.icio_totals.len(), 80);
    assert_eq!(w.gravity.len(), 19);
    assert!(w.co2.len() > 4000);
    assert!(w.pwt_panel.len() > 3000);
    assert_eq!(w.nations.iter().filter(|n| n.in_icio).count(), 79);
    assert_eq!(w.nation("USA").unwrap().name, "United States");
    assert!(w.co2_mt("CHN", 2017).unwrap() > 9000.0);
    assert_eq!(w.gravity_coefficient("ppml_fe_with_domestic", "international_border"), Some(-3.832));
}

#[test]
fn every_nation_has_a_positive_gdp_with_its_source() {
    let w = WorldData::embedded();
    for n in &w.nations {
        assert!(n.gdp_musd.is_finite() && n.gdp_musd > 0.0, "{}", n.iso3);
    }
    let count = |s: GdpSource| w.nations.iter().filter(|n| n.gdp_source == s).count();
    assert_eq!(count(GdpSource::Pwt), 171);
    assert_eq!(count(GdpSource::NaturalEarth), 23);
    assert_eq!(count(GdpSource::RegionalPerCapita), 2);
    assert_eq!(w.nation("SSD").unwrap().gdp_source, GdpSource::RegionalPerCapita);
    assert_eq!(w.nation("USA").unwrap().gdp_musd, w.nation("USA").unwrap().pwt.gdp_nominal_musd.unwrap());
}

fn with_countries(text: &str) -> Result<WorldData, DataError> {
    let mut s = Sources::embedded();
    s.countries = text;
    WorldData::parse(&s)
}

fn first_rows(k: usize) -> String {
    Sources::embedded().countries.lines().take(k + 1).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_bad_number_names_dataset_row_field_and_what_is_valid() {
    // Row 2 of the data is Angola; spoil its latitude.
    let text = first_rows(3).replacen(",-8.8368,", ",north,", 1);
    let err = with_countries(&text).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("countries.csv: row 2, field `cap_lat`"), "{msg}");
    assert!(msg.contains("`north`") && msg.contains("number"), "{msg}");
}

#[test]
fn out_of_range_and_duplicates_are_rejected() {
    let text = first_rows(3).replacen(",-8.8368,", ",-95,", 1);
    assert!(with_countries(&text).unwrap_err().to_string().contains("[-90, 90]"));
    let mut rows: Vec<&str> = Sources::embedded().countries.lines().take(3).collect();
    let dup = rows[1].to_string();
    rows.push(&dup);
    let err = with_countries(&rows.join("\n")).unwrap_err().to_string();
    assert!(err.contains("row 3, field `iso3`") && err.contains("repeats row 1"), "{err}");
}

#[test]
fn a_missing_column_lists_the_required_header() {
    let text = first_rows(2).replacen("cap_lat", "latitude", 1);
    let err = with_countries(&text).unwrap_err();
    assert!(matches!(err, DataError::MissingColumn { ref field, .. } if field == "cap_lat"), "{err}");
}

#[test]
fn borders_must_name_known_nations() {
    let mut s = Sources::embedded();
    let text = "iso3_a,iso3_b,source\nFRA,ATL,made-up\n";
    s.borders = text;
    let err = WorldData::parse(&s).unwrap_err().to_string();
    assert_eq!(err, "borders.csv: row 1, field `iso3_b`: `ATL` is not a nation of countries.csv");
}

#[test]
fn user_data_in_the_same_schema_replaces_the_default() {
    let text = first_rows(5);
    let mut s = Sources::embedded();
    s.countries = &text;
    s.borders = "iso3_a,iso3_b,source\nAFG,ALB,user\n";
    let w = WorldData::parse(&s).unwrap();
    assert_eq!(w.borders.len(), 1);
    assert_eq!(w.nations.len(), 5);
    assert_eq!(w.nation_index("AGO"), Some(1));
}

#[test]
fn the_notice_names_every_dataset() {
    for d in DATASETS {
        assert!(NOTICE.contains(d.file), "{} missing from NOTICE.md", d.file);
    }
}

#[test]
fn with_datasets_replaces_only_the_named_datasets() {
    let embedded = WorldData::embedded();
    let mut lines: Vec<String> = Sources::embedded().countries.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = header.iter().position(|h| *h == "pop_wb").expect("countries.csv has a pop_wb column");
    let mut fields: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    fields[col] = "123456789".to_string();
    lines[1] = fields.join(",");
    let text = lines.join("\n") + "\n";
    let world = WorldData::with_datasets(&[("countries", &text)]).unwrap();
    assert_eq!(world.nations[0].population, 123456789.0);
    assert_ne!(embedded.nations[0].population, world.nations[0].population);
    assert_eq!(world.nations.len(), embedded.nations.len());
    assert_eq!(world.borders, embedded.borders);

    let err = WorldData::with_datasets(&[("population", &text)]).unwrap_err().to_string();
    assert!(err.contains("population") && err.contains("countries, borders"), "{err}");
}
