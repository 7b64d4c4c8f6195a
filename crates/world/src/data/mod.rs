//! The world's data: nations, borders, ICIO flows, gravity coefficients, Penn World Table and CO₂,
//! parsed from CSV text into typed records.
//!
//! The default world is embedded in the binary ([`WorldData::embedded`]); user data in the same
//! schema can replace it through [`Sources`] and [`WorldData::parse`], which take the files' text
//! (reading files is the caller's job: this crate does no I/O). Every parse error names the
//! dataset, the data row (1-based, the header not counted), the field, what was given and what
//! would be valid.
//!
//! GDP: each nation's figure is the Penn World Table 9.1 nominal GDP for 2017 when PWT covers it,
//! else the Natural Earth estimate, else (two nations with neither) population times the median
//! GDP per person of nations in the same World Bank region; [`Nation::gdp_source`] records which.

mod parse;

use parse::Reader;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Errors raised while parsing or cross-checking world data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// A field of one row is missing or malformed.
    #[error("{dataset}: row {row}, field `{field}`: {message}")]
    Field {
        /// Dataset name, e.g. `countries.csv`.
        dataset: String,
        /// 1-based data row (the header row is not counted).
        row: usize,
        /// Column name.
        field: String,
        /// What was given and what would be valid.
        message: String,
    },
    /// A required column is absent from the header.
    #[error("{dataset}: missing column `{field}` (the header must contain: {expected})")]
    MissingColumn {
        /// Dataset name.
        dataset: String,
        /// Column name.
        field: String,
        /// The full list of required columns.
        expected: String,
    },
    /// The dataset as a whole is inconsistent (duplicates, empty, unreadable CSV).
    #[error("{dataset}: {message}")]
    Dataset {
        /// Dataset name.
        dataset: String,
        /// What is wrong and what would be valid.
        message: String,
    },
}

/// Where a nation's GDP figure came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GdpSource {
    /// Penn World Table 9.1, nominal GDP 2017 (`pwt_gdp_nominal_musd`).
    Pwt,
    /// Natural Earth GDP estimate (`ne_gdp_md_est_musd`).
    NaturalEarth,
    /// Population × median GDP per person of the nation's World Bank region (no source had it).
    RegionalPerCapita,
}

impl GdpSource {
    /// Short stable label: `pwt`, `natural_earth` or `regional_per_capita`.
    pub fn label(self) -> &'static str {
        match self {
            GdpSource::Pwt => "pwt",
            GdpSource::NaturalEarth => "natural_earth",
            GdpSource::RegionalPerCapita => "regional_per_capita",
        }
    }
}

/// Penn World Table 9.1 fields for 2017 as carried by `countries.csv` (any may be absent).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Pwt2017 {
    /// Population, millions.
    pub pop_m: Option<f64>,
    /// Persons engaged, millions.
    pub emp_m: Option<f64>,
    /// Expenditure-side real GDP, million 2011 US$ at PPP.
    pub rgdpe_musd2011ppp: Option<f64>,
    /// Output-side real GDP at current PPPs, million US$.
    pub cgdpo_musd_ppp: Option<f64>,
    /// Nominal GDP, million US$.
    pub gdp_nominal_musd: Option<f64>,
    /// Capital stock at current PPPs, million US$.
    pub capital_cn_musd: Option<f64>,
    /// Human capital index.
    pub hc: Option<f64>,
    /// TFP level at current PPPs (USA = 1).
    pub ctfp_usa1: Option<f64>,
    /// Average depreciation rate of the capital stock.
    pub delta: Option<f64>,
    /// Share of labour compensation in GDP.
    pub labsh: Option<f64>,
    /// Share of merchandise exports in GDP (current PPPs).
    pub csh_x: Option<f64>,
    /// Share of merchandise imports in GDP (current PPPs, negative by PWT's convention).
    pub csh_m: Option<f64>,
}

/// One nation of `countries.csv`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Nation {
    /// ISO 3166-1 alpha-3 code, the key everywhere.
    pub iso3: String,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// English short name.
    pub name: String,
    /// Continent code (AF, AS, EU, NA, OC, SA).
    pub continent: String,
    /// World Bank region.
    pub region: String,
    /// UN subregion (empty when the source has none).
    pub subregion: String,
    /// Income group as Natural Earth labels it (empty when the source has none).
    pub income_group: String,
    /// Capital city.
    pub capital: String,
    /// Capital latitude, degrees.
    pub capital_lat: f64,
    /// Capital longitude, degrees.
    pub capital_lon: f64,
    /// Area, km².
    pub area_km2: f64,
    /// Population (World Bank 2022, GeoNames where the World Bank has none).
    pub population: f64,
    /// Penn World Table 2017 fields.
    pub pwt: Pwt2017,
    /// GDP, million US$ (see [`Nation::gdp_source`]).
    pub gdp_musd: f64,
    /// Where [`Nation::gdp_musd`] came from.
    pub gdp_source: GdpSource,
    /// OECD ICIO 2022 value added, million US$ (covered economies only).
    pub icio_value_added_musd: Option<f64>,
    /// Whether the OECD ICIO 2022 tables cover the nation.
    pub in_icio: bool,
}

/// An undirected land border between two nations.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Border {
    /// First nation (ISO3).
    pub a: String,
    /// Second nation (ISO3).
    pub b: String,
    /// Which source confirms the border.
    pub source: String,
}

/// One bilateral flow of intermediate inputs (ICIO 2022, domestic diagonal included).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IcioFlow {
    /// Exporting economy (ISO3; `HKG` appears, see [`crate::trade::calibrate`]).
    pub exporter: String,
    /// Importing economy (ISO3).
    pub importer: String,
    /// Flow, million US$.
    pub flow_musd: f64,
}

/// Per-economy totals of the ICIO 2022 tables.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IcioTotals {
    /// Economy (ISO3).
    pub iso3: String,
    /// Gross output, million US$.
    pub gross_output_musd: f64,
    /// Intermediate inputs, million US$.
    pub intermediate_inputs_musd: f64,
    /// Value added, million US$.
    pub value_added_musd: f64,
    /// Sales to final demand, million US$.
    pub final_demand_sales_musd: f64,
    /// Intermediate exports, million US$.
    pub intermediate_exports_musd: f64,
    /// Intermediate imports, million US$.
    pub intermediate_imports_musd: f64,
}

/// One gravity-equation coefficient (`gravity_coefficients.csv`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GravityCoefficient {
    /// Where the estimate comes from.
    pub source: String,
    /// Specification label, e.g. `ppml_fe_with_domestic`.
    pub spec: String,
    /// Term, e.g. `ln_distance`.
    pub term: String,
    /// Estimate.
    pub value: f64,
}

/// One nation-year of territorial CO₂ emissions (Our World in Data).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Co2Record {
    /// Nation (ISO3).
    pub iso3: String,
    /// Year.
    pub year: i32,
    /// Territorial emissions, Mt CO₂.
    pub co2_mt: Option<f64>,
    /// Emissions per person, t CO₂.
    pub co2_per_capita_t: Option<f64>,
    /// Cumulative emissions, Mt CO₂.
    pub cumulative_co2_mt: Option<f64>,
    /// Consumption-based emissions, Mt CO₂.
    pub consumption_co2_mt: Option<f64>,
}

/// One nation-year of the Penn World Table 9.1 panel (2000–2017).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PwtRecord {
    /// Nation (ISO3).
    pub iso3: String,
    /// Year.
    pub year: i32,
    /// Expenditure-side real GDP, million 2011 US$ at PPP.
    pub rgdpe: Option<f64>,
    /// National-accounts real GDP (constant 2011 prices), million 2011 US$.
    pub rgdpna: Option<f64>,
    /// Population, millions.
    pub pop: Option<f64>,
    /// Persons engaged, millions.
    pub emp: Option<f64>,
    /// Human capital index.
    pub hc: Option<f64>,
    /// Capital stock at current PPPs, million US$.
    pub cn: Option<f64>,
    /// TFP at current PPPs (USA = 1).
    pub ctfp: Option<f64>,
    /// Depreciation rate.
    pub delta: Option<f64>,
    /// Labour share.
    pub labsh: Option<f64>,
    /// Share of household consumption in GDP.
    pub csh_c: Option<f64>,
    /// Share of gross capital formation in GDP (the saving rate a growth model uses).
    pub csh_i: Option<f64>,
    /// Share of government consumption in GDP.
    pub csh_g: Option<f64>,
    /// Share of merchandise exports.
    pub csh_x: Option<f64>,
    /// Share of merchandise imports.
    pub csh_m: Option<f64>,
}

/// The CSV text of each dataset, in the schema of the embedded files (`data/*.csv`).
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// `countries.csv`.
    pub countries: &'a str,
    /// `borders.csv`.
    pub borders: &'a str,
    /// `icio2022_intermediate_flows_80.csv`.
    pub icio_flows: &'a str,
    /// `icio2022_country_totals_80.csv`.
    pub icio_totals: &'a str,
    /// `gravity_coefficients.csv`.
    pub gravity: &'a str,
    /// `owid_co2_2000_2019.csv`.
    pub co2: &'a str,
    /// `pwt91_panel_2000_2017.csv`.
    pub pwt_panel: &'a str,
}

impl<'a> Sources<'a> {
    /// The dataset keys a scenario's `[data]` table may name, in field order.
    pub const KEYS: [&'static str; 7] =
        ["countries", "borders", "icio_flows", "icio_totals", "gravity", "co2", "pwt_panel"];

    /// Replaces the text of the dataset named by `key` (one of [`Sources::KEYS`]); returns
    /// `false`, leaving the sources unchanged, when the key names no dataset.
    pub fn set(&mut self, key: &str, text: &'a str) -> bool {
        let slot = match key {
            "countries" => &mut self.countries,
            "borders" => &mut self.borders,
            "icio_flows" => &mut self.icio_flows,
            "icio_totals" => &mut self.icio_totals,
            "gravity" => &mut self.gravity,
            "co2" => &mut self.co2,
            "pwt_panel" => &mut self.pwt_panel,
            _ => return false,
        };
        *slot = text;
        true
    }
}

impl Sources<'static> {
    /// The embedded default world.
    pub fn embedded() -> Sources<'static> {
        Sources {
            countries: include_str!("../../../../data/countries.csv"),
            borders: include_str!("../../../../data/borders.csv"),
            icio_flows: include_str!("../../../../data/icio2022_intermediate_flows_80.csv"),
            icio_totals: include_str!("../../../../data/icio2022_country_totals_80.csv"),
            gravity: include_str!("../../../../data/gravity_coefficients.csv"),
            co2: include_str!("../../../../data/owid_co2_2000_2019.csv"),
            pwt_panel: include_str!("../../../../data/pwt91_panel_2000_2017.csv"),
        }
    }
}

/// Provenance and licence notice of the embedded data (`data/NOTICE.md`).
pub const NOTICE: &str = include_str!("../../../../data/NOTICE.md");

/// Description of one dataset: file, content, source and licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DatasetInfo {
    /// File name in `data/`.
    pub file: &'static str,
    /// What it holds.
    pub content: &'static str,
    /// Where it came from.
    pub source: &'static str,
    /// Licence.
    pub licence: &'static str,
}

/// The embedded datasets, their sources and licences.
pub const DATASETS: [DatasetInfo; 7] = [
    DatasetInfo {
        file: "countries.csv",
        content: "196 nations: codes, names, regions, income group, capital and coordinates, area, population, Penn World Table 2017 fields, Natural Earth GDP estimate, ICIO value added",
        source: "GeoNames; Natural Earth; World Bank population; Penn World Table 9.1; OECD ICIO 2022",
        licence: "CC BY 4.0 (GeoNames, World Bank, PWT, OECD); public domain (Natural Earth)",
    },
    DatasetInfo {
        file: "borders.csv",
        content: "undirected land borders",
        source: "GeoNames neighbours; Natural Earth 50m topology",
        licence: "CC BY 4.0 (GeoNames); public domain (Natural Earth)",
    },
    DatasetInfo {
        file: "icio2022_intermediate_flows_80.csv",
        content: "bilateral intermediate-input flows among 80 economies, 2022, US$ million, domestic diagonal included",
        source: "OECD Inter-Country Input-Output tables 2022 (2025 release)",
        licence: "CC BY 4.0 (OECD)",
    },
    DatasetInfo {
        file: "icio2022_country_totals_80.csv",
        content: "per economy: gross output, intermediate inputs, value added, final demand, intermediate exports and imports",
        source: "OECD Inter-Country Input-Output tables 2022 (2025 release)",
        licence: "CC BY 4.0 (OECD)",
    },
    DatasetInfo {
        file: "gravity_coefficients.csv",
        content: "gravity-equation coefficients: a PPML fit on the ICIO flows and literature values",
        source: "fit on the ICIO flows; Head & Mayer 2014; Santos Silva & Tenreyro 2006; Disdier & Head 2008; Costinot & Rodríguez-Clare 2014",
        licence: "facts (no licence)",
    },
    DatasetInfo {
        file: "owid_co2_2000_2019.csv",
        content: "territorial CO₂ emissions by nation and year, 2000–2019",
        source: "Our World in Data co2-data (Global Carbon Project), December 2020 release",
        licence: "CC BY 4.0 (Our World in Data)",
    },
    DatasetInfo {
        file: "pwt91_panel_2000_2017.csv",
        content: "Penn World Table 9.1 panel, 2000–2017, 20 variables",
        source: "Penn World Table 9.1 (Feenstra, Inklaar & Timmer 2015)",
        licence: "CC BY 4.0 (PWT)",
    },
];

/// The parsed world: every dataset as typed records, nations in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct WorldData {
    /// Nations in the order of `countries.csv`.
    pub nations: Vec<Nation>,
    /// Land borders.
    pub borders: Vec<Border>,
    /// ICIO intermediate flows.
    pub icio_flows: Vec<IcioFlow>,
    /// ICIO per-economy totals.
    pub icio_totals: Vec<IcioTotals>,
    /// Gravity coefficients.
    pub gravity: Vec<GravityCoefficient>,
    /// CO₂ nation-years.
    pub co2: Vec<Co2Record>,
    /// Penn World Table panel nation-years.
    pub pwt_panel: Vec<PwtRecord>,
    index: HashMap<String, usize>,
}

impl WorldData {
    /// The embedded default world, parsed once and shared.
    pub fn embedded() -> &'static WorldData {
        static WORLD: OnceLock<WorldData> = OnceLock::new();
        WORLD.get_or_init(|| {
            WorldData::parse(&Sources::embedded()).expect("the embedded data parse (checked by tests)")
        })
    }

    /// The embedded datasets with those named in `replacements` (key of [`Sources::KEYS`], CSV
    /// text in the same schema) put in their place, parsed and cross-checked.
    pub fn with_datasets(replacements: &[(&str, &str)]) -> Result<WorldData, DataError> {
        let mut sources = Sources::embedded();
        for &(key, text) in replacements {
            if !sources.set(key, text) {
                return Err(DataError::Dataset {
                    dataset: key.to_string(),
                    message: format!("not a dataset; valid: {}", Sources::KEYS.join(", ")),
                });
            }
        }
        WorldData::parse(&sources)
    }

    /// Parses and cross-checks every dataset.
    pub fn parse(sources: &Sources<'_>) -> Result<WorldData, DataError> {
        let nations = parse_countries(sources.countries)?;
        let mut index = HashMap::with_capacity(nations.len());
        for (i, n) in nations.iter().enumerate() {
            index.insert(n.iso3.clone(), i);
        }
        let known = |code: &str| index.contains_key(code);
        let borders = parse_borders(sources.borders, &known)?;
        let icio_flows = parse_icio_flows(sources.icio_flows)?;
        let icio_totals = parse_icio_totals(sources.icio_totals)?;
        let gravity = parse_gravity(sources.gravity)?;
        let co2 = parse_co2(sources.co2)?;
        let pwt_panel = parse_pwt_panel(sources.pwt_panel)?;
        Ok(WorldData { nations, borders, icio_flows, icio_totals, gravity, co2, pwt_panel, index })
    }

    /// Index of a nation by ISO3 code (exact, upper case).
    pub fn nation_index(&self, iso3: &str) -> Option<usize> {
        self.index.get(iso3).copied()
    }

    /// A nation by ISO3 code.
    pub fn nation(&self, iso3: &str) -> Option<&Nation> {
        self.nation_index(iso3).map(|i| &self.nations[i])
    }

    /// A gravity coefficient by specification and term.
    pub fn gravity_coefficient(&self, spec: &str, term: &str) -> Option<f64> {
        self.gravity.iter().find(|g| g.spec == spec && g.term == term).map(|g| g.value)
    }

    /// Territorial CO₂ (Mt) of a nation in a year, when recorded.
    pub fn co2_mt(&self, iso3: &str, year: i32) -> Option<f64> {
        self.co2.iter().find(|r| r.iso3 == iso3 && r.year == year).and_then(|r| r.co2_mt)
    }
}

const COUNTRY_COLUMNS: [&str; 26] = [
    "iso3",
    "iso2",
    "name",
    "continent",
    "region_wb",
    "subregion_un",
    "income_grp_ne",
    "capital",
    "cap_lat",
    "cap_lon",
    "area_km2",
    "pop_wb",
    "pop_geonames",
    "pwt_pop_m",
    "pwt_emp_m",
    "pwt_rgdpe_musd2011ppp",
    "pwt_cgdpo_musd_ppp",
    "pwt_gdp_nominal_musd",
    "ne_gdp_md_est_musd",
    "icio2022_value_added_musd",
    "pwt_capital_cn_musd",
    "pwt_hc",
    "pwt_ctfp_usa1",
    "pwt_delta",
    "pwt_labsh",
    "in_icio2022",
];

fn parse_countries(text: &str) -> Result<Vec<Nation>, DataError> {
    let mut reader = Reader::new("countries.csv", text, &COUNTRY_COLUMNS)?;
    let mut nations: Vec<Nation> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // GDP for nations without PWT or Natural Earth figures is filled after all rows are read.
    let mut missing_gdp: Vec<usize> = Vec::new();
    while let Some(row) = reader.next_row()? {
        let iso3 = row.iso3("iso3")?;
        if let Some(first) = seen.insert(iso3.clone(), row.row) {
            return Err(row.error("iso3", format!("`{iso3}` repeats row {first}; each nation appears once")));
        }
        let capital_lat = row.f64_in("cap_lat", -90.0, 90.0)?;
        let capital_lon = row.f64_in("cap_lon", -180.0, 180.0)?;
        let area_km2 = row.positive("area_km2")?;
        let population = match row.opt_positive("pop_wb")? {
            Some(p) => p,
            None => row.positive("pop_geonames")?,
        };
        let pwt = Pwt2017 {
            pop_m: row.opt_nonneg("pwt_pop_m")?,
            emp_m: row.opt_nonneg("pwt_emp_m")?,
            rgdpe_musd2011ppp: row.opt_positive("pwt_rgdpe_musd2011ppp")?,
            cgdpo_musd_ppp: row.opt_positive("pwt_cgdpo_musd_ppp")?,
            gdp_nominal_musd: row.opt_positive("pwt_gdp_nominal_musd")?,
            capital_cn_musd: row.opt_nonneg("pwt_capital_cn_musd")?,
            hc: row.opt_positive("pwt_hc")?,
            ctfp_usa1: row.opt_positive("pwt_ctfp_usa1")?,
            delta: row.opt_in("pwt_delta", 0.0, 1.0)?,
            labsh: row.opt_in("pwt_labsh", 0.0, 1.0)?,
            csh_x: row.opt_f64("pwt_csh_x")?,
            csh_m: row.opt_f64("pwt_csh_m")?,
        };
        let ne_gdp = row.opt_positive("ne_gdp_md_est_musd")?;
        let (gdp_musd, gdp_source) = match (pwt.gdp_nominal_musd, ne_gdp) {
            (Some(g), _) => (g, GdpSource::Pwt),
            (None, Some(g)) => (g, GdpSource::NaturalEarth),
            (None, None) => {
                missing_gdp.push(nations.len());
                (f64::NAN, GdpSource::RegionalPerCapita)
            }
        };
        nations.push(Nation {
            iso3,
            iso2: row.text("iso2")?.to_string(),
            name: row.nonempty("name")?.to_string(),
            continent: row.text("continent")?.to_string(),
            region: row.nonempty("region_wb")?.to_string(),
            subregion: row.text("subregion_un")?.to_string(),
            income_group: row.text("income_grp_ne")?.to_string(),
            capital: row.text("capital")?.to_string(),
            capital_lat,
            capital_lon,
            area_km2,
            population,
            pwt,
            gdp_musd,
            gdp_source,
            icio_value_added_musd: row.opt_positive("icio2022_value_added_musd")?,
            in_icio: row.boolean("in_icio2022")?,
        });
    }
    if nations.is_empty() {
        return Err(DataError::Dataset {
            dataset: "countries.csv".into(),
            message: "no nations; at least one data row is required".into(),
        });
    }
    fill_regional_gdp(&mut nations, &missing_gdp)?;
    Ok(nations)
}

/// Gives nations with no GDP figure population × the median GDP per person of their region.
fn fill_regional_gdp(nations: &mut [Nation], missing: &[usize]) -> Result<(), DataError> {
    for &m in missing {
        let region = nations[m].region.clone();
        let mut per_person: Vec<f64> = nations
            .iter()
            .filter(|n| n.region == region && n.gdp_musd.is_finite())
            .map(|n| n.gdp_musd / n.population)
            .collect();
        if per_person.is_empty() {
            return Err(DataError::Dataset {
                dataset: "countries.csv".into(),
                message: format!(
                    "`{}` has neither `pwt_gdp_nominal_musd` nor `ne_gdp_md_est_musd`, and no nation of its region `{region}` has a GDP to estimate it from; give one of the two fields",
                    nations[m].iso3
                ),
            });
        }
        per_person.sort_by(f64::total_cmp);
        let k = per_person.len();
        let median =
            if k % 2 == 1 { per_person[k / 2] } else { 0.5 * (per_person[k / 2 - 1] + per_person[k / 2]) };
        nations[m].gdp_musd = median * nations[m].population;
    }
    Ok(())
}

fn parse_borders(text: &str, known: &dyn Fn(&str) -> bool) -> Result<Vec<Border>, DataError> {
    let mut reader = Reader::new("borders.csv", text, &["iso3_a", "iso3_b", "source"])?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        let a = row.iso3("iso3_a")?;
        let b = row.iso3("iso3_b")?;
        for (field, code) in [("iso3_a", &a), ("iso3_b", &b)] {
            if !known(code) {
                return Err(row.error(field, format!("`{code}` is not a nation of countries.csv")));
            }
        }
        if a == b {
            return Err(row.error("iso3_b", format!("`{b}` borders itself; give two different nations")));
        }
        out.push(Border { a, b, source: row.text("source")?.to_string() });
    }
    Ok(out)
}

fn parse_icio_flows(text: &str) -> Result<Vec<IcioFlow>, DataError> {
    let mut reader = Reader::new(
        "icio2022_intermediate_flows_80.csv",
        text,
        &["exporter_iso3", "importer_iso3", "intermediate_flow_musd"],
    )?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        out.push(IcioFlow {
            exporter: row.iso3("exporter_iso3")?,
            importer: row.iso3("importer_iso3")?,
            flow_musd: row.nonneg("intermediate_flow_musd")?,
        });
    }
    Ok(out)
}

fn parse_icio_totals(text: &str) -> Result<Vec<IcioTotals>, DataError> {
    let cols = [
        "iso3",
        "gross_output_musd",
        "intermediate_inputs_musd",
        "value_added_musd",
        "final_demand_sales_musd",
        "intermediate_exports_musd",
        "intermediate_imports_musd",
    ];
    let mut reader = Reader::new("icio2022_country_totals_80.csv", text, &cols)?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        out.push(IcioTotals {
            iso3: row.iso3("iso3")?,
            gross_output_musd: row.nonneg("gross_output_musd")?,
            intermediate_inputs_musd: row.nonneg("intermediate_inputs_musd")?,
            value_added_musd: row.f64("value_added_musd")?,
            final_demand_sales_musd: row.f64("final_demand_sales_musd")?,
            intermediate_exports_musd: row.nonneg("intermediate_exports_musd")?,
            intermediate_imports_musd: row.nonneg("intermediate_imports_musd")?,
        });
    }
    Ok(out)
}

fn parse_gravity(text: &str) -> Result<Vec<GravityCoefficient>, DataError> {
    let mut reader = Reader::new("gravity_coefficients.csv", text, &["source", "spec", "term", "value"])?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        out.push(GravityCoefficient {
            source: row.text("source")?.to_string(),
            spec: row.nonempty("spec")?.to_string(),
            term: row.nonempty("term")?.to_string(),
            value: row.f64("value")?,
        });
    }
    Ok(out)
}

fn parse_co2(text: &str) -> Result<Vec<Co2Record>, DataError> {
    let cols = ["iso_code", "year", "co2", "co2_per_capita", "cumulative_co2", "consumption_co2"];
    let mut reader = Reader::new("owid_co2_2000_2019.csv", text, &cols)?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        out.push(Co2Record {
            iso3: row.iso3("iso_code")?,
            year: row.year("year")?,
            co2_mt: row.opt_nonneg("co2")?,
            co2_per_capita_t: row.opt_nonneg("co2_per_capita")?,
            cumulative_co2_mt: row.opt_nonneg("cumulative_co2")?,
            consumption_co2_mt: row.opt_f64("consumption_co2")?,
        });
    }
    Ok(out)
}

fn parse_pwt_panel(text: &str) -> Result<Vec<PwtRecord>, DataError> {
    let cols = [
        "iso3", "year", "rgdpe", "rgdpna", "pop", "emp", "hc", "cn", "ctfp", "delta", "labsh", "csh_c",
        "csh_i", "csh_g", "csh_x", "csh_m",
    ];
    let mut reader = Reader::new("pwt91_panel_2000_2017.csv", text, &cols)?;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row()? {
        out.push(PwtRecord {
            iso3: row.iso3("iso3")?,
            year: row.year("year")?,
            rgdpe: row.opt_f64("rgdpe")?,
            rgdpna: row.opt_f64("rgdpna")?,
            pop: row.opt_f64("pop")?,
            emp: row.opt_f64("emp")?,
            hc: row.opt_f64("hc")?,
            cn: row.opt_f64("cn")?,
            ctfp: row.opt_f64("ctfp")?,
            delta: row.opt_f64("delta")?,
            labsh: row.opt_f64("labsh")?,
            csh_c: row.opt_f64("csh_c")?,
            csh_i: row.opt_f64("csh_i")?,
            csh_g: row.opt_f64("csh_g")?,
            csh_x: row.opt_f64("csh_x")?,
            csh_m: row.opt_f64("csh_m")?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
