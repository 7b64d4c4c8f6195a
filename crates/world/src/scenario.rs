//! Scenarios: TOML text parsed into a raw mirror of what the user wrote, then validated once into
//! a [`Scenario`] the simulation runs without further checks.
//!
//! Two stages keep the rules in one place: [`RawScenario`] only knows TOML's shape (every key
//! optional, spans kept for error messages), and [`RawScenario::validate`] turns it into typed
//! parameters with every range checked. An error names the file, the line, the field, what was
//! given and what would be valid. Validation against a particular world (ISO3 codes of overrides
//! and given blocs) happens in [`crate::sim::Prepared::new`].

use commonweal_games::registry;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// The default scenario, embedded: four regimes on the default world, 50 years, 100 replicates.
/// It doubles as the fully commented template written by `commonweal scenario init`.
pub const DEFAULT_SCENARIO_TOML: &str = include_str!("default_scenario.toml");

/// Why a scenario was rejected: the file, the line (when known), the field and the reason.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.render())]
pub struct ScenarioError {
    /// The file name as given (or `<default>` for the embedded scenario).
    pub file: String,
    /// 1-based line of the offending text, when the parser knows it.
    pub line: Option<usize>,
    /// The dotted field path (`economy.alpha`); empty for syntax errors.
    pub field: String,
    /// What was wrong and what would be valid.
    pub message: String,
}

impl ScenarioError {
    fn render(&self) -> String {
        let place = match self.line {
            Some(line) => format!("{}:{}", self.file, line),
            None => self.file.clone(),
        };
        if self.field.is_empty() {
            format!("{place}: {}", self.message)
        } else {
            format!("{place}: field `{}`: {}", self.field, self.message)
        }
    }
}

/// A trade-arena doctrine: how a nation chooses, per partner and per year, between keeping its
/// barriers low (C) and raising them (D).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Doctrine {
    /// Best response for own income this year, given the partner's last perceived action.
    ZeroSum,
    /// Generous reciprocity, weighted by trust: open first, answer a perceived barrier with a
    /// barrier unless it forgives (probability `generosity · (1 + trust) / 2`).
    WinWin,
    /// Always open.
    Unconditional,
    /// Open inside its bloc, barriers toward members of other blocs, win-win toward the non-aligned.
    Bloc,
    /// Win-win toward every partner with full dialogue (trust building lowers misperception most).
    Partnership,
    /// A strategy of the games registry playing the pair's repeated game; the index is into
    /// [`registry::entries`].
    Strategy(u16),
}

impl Doctrine {
    /// The built-in doctrines (strategies excluded), in a fixed order.
    pub const BUILT_IN: [Doctrine; 5] =
        [Doctrine::ZeroSum, Doctrine::WinWin, Doctrine::Unconditional, Doctrine::Bloc, Doctrine::Partnership];

    /// The name as written in scenarios (`win_win`, `strategy:tit_for_tat`).
    pub fn name(self) -> String {
        match self {
            Doctrine::ZeroSum => "zero_sum".into(),
            Doctrine::WinWin => "win_win".into(),
            Doctrine::Unconditional => "unconditional".into(),
            Doctrine::Bloc => "bloc".into(),
            Doctrine::Partnership => "partnership".into(),
            Doctrine::Strategy(idx) => format!("strategy:{}", registry::entries()[idx as usize].id),
        }
    }

    /// Parses a doctrine name; the error says what would be valid.
    pub fn parse(text: &str) -> Result<Doctrine, String> {
        let lower = text.trim().to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("strategy:") {
            let entry = registry::find(rest).map_err(|e| e.to_string())?;
            let idx =
                registry::entries().iter().position(|e| e.id == entry.id).expect("found entries are listed");
            return Ok(Doctrine::Strategy(idx as u16));
        }
        Doctrine::BUILT_IN.into_iter().find(|d| d.name() == lower).ok_or_else(|| {
            format!(
                "unknown doctrine {text:?}; valid: \"zero_sum\", \"win_win\", \"unconditional\", \"bloc\", \
                 \"partnership\" or \"strategy:NAME\" (see `commonweal strategies`)"
            )
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Raw stage: mirrors the TOML.

/// The scenario exactly as written: every key optional, with spans for error messages.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Short name.
    pub name: Option<Spanned<String>>,
    /// One-line description.
    pub description: Option<Spanned<String>>,
    /// `[run]`.
    #[serde(default)]
    pub run: RawRun,
    /// `[economy]`.
    #[serde(default)]
    pub economy: RawEconomy,
    /// `[trade]`.
    #[serde(default)]
    pub trade: RawTrade,
    /// `[trust]`.
    #[serde(default)]
    pub trust: RawTrust,
    /// `[doctrine]`.
    #[serde(default)]
    pub doctrine: RawDoctrine,
    /// `[shocks]`.
    #[serde(default)]
    pub shocks: RawShocks,
    /// `[blocs]`.
    #[serde(default)]
    pub blocs: RawBlocs,
    /// `[[regime]]` tables.
    pub regime: Option<Spanned<Vec<RawRegime>>>,
    /// `[data]`.
    #[serde(default)]
    pub data: RawData,
    /// `[climate]`.
    #[serde(default)]
    pub climate: RawClimate,
}

/// `[climate]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawClimate {
    pub enabled: Option<Spanned<bool>>,
    pub damage_multiplier: Num,
    pub climate_sensitivity: Num,
}

/// A regime's `club = { … }` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawClub {
    pub members: Option<Spanned<Vec<Spanned<String>>>>,
    pub target_price: Num,
    pub penalty_tariff: Num,
}

type Num = Option<Spanned<f64>>;
/// Bloc name → spanned list of spanned ISO3 codes.
type RawMembers = Spanned<BTreeMap<String, Spanned<Vec<Spanned<String>>>>>;
type Int = Option<Spanned<i64>>;

/// `[data]` as written: a file path per replaced dataset (keys as in
/// [`crate::data::Sources::KEYS`]).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawData {
    pub countries: Option<Spanned<String>>,
    pub borders: Option<Spanned<String>>,
    pub icio_flows: Option<Spanned<String>>,
    pub icio_totals: Option<Spanned<String>>,
    pub gravity: Option<Spanned<String>>,
    pub co2: Option<Spanned<String>>,
    pub pwt_panel: Option<Spanned<String>>,
}

impl RawData {
    /// The named files, in the order of [`crate::data::Sources::KEYS`].
    fn entries(&self) -> [(&'static str, &Option<Spanned<String>>); 7] {
        [
            ("countries", &self.countries),
            ("borders", &self.borders),
            ("icio_flows", &self.icio_flows),
            ("icio_totals", &self.icio_totals),
            ("gravity", &self.gravity),
            ("co2", &self.co2),
            ("pwt_panel", &self.pwt_panel),
        ]
    }
}

/// `[run]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawRun {
    pub years: Int,
    pub replicates: Int,
    pub seed: Int,
}

/// `[economy]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawEconomy {
    pub alpha: Num,
    pub saving_rate: Num,
    pub depreciation: Num,
    pub frontier_growth: Num,
    pub catch_up: Num,
}

/// `[trade]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawTrade {
    pub barrier_tariff: Num,
    pub partners_per_nation: Int,
}

/// `[trust]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawTrust {
    pub initial: Num,
    pub learning_rate: Num,
    pub misperception: Num,
    pub dialogue: Num,
}

/// `[doctrine]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawDoctrine {
    pub generosity: Num,
}

/// `[shocks]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawShocks {
    pub crisis_probability: Num,
    pub crisis_output_loss: Num,
    pub crisis_recovery: Num,
    pub contagion: Num,
    pub contagion_threshold: Num,
}

/// `[blocs]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawBlocs {
    pub mode: Option<Spanned<String>>,
    pub nonaligned_band: Num,
    pub members: Option<RawMembers>,
}

/// One `[[regime]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawRegime {
    pub name: Option<Spanned<String>>,
    pub doctrine: Option<Spanned<String>>,
    pub mix: Option<Spanned<BTreeMap<String, Spanned<f64>>>>,
    pub overrides: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
    pub learning: Option<Spanned<RawLearning>>,
    pub club: Option<Spanned<RawClub>>,
}

/// A regime's `learning = { … }` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawLearning {
    pub every: Int,
    pub intensity: Num,
}

// ---------------------------------------------------------------------------------------------
// Validated stage.

/// Economy parameters (see the template for meanings and ranges).
#[derive(Clone, Debug, PartialEq)]
pub struct EconomyParams {
    /// Capital share α.
    pub alpha: f64,
    /// Saving rate s.
    pub saving_rate: f64,
    /// Fallback depreciation δ where the data have none.
    pub depreciation: f64,
    /// Frontier productivity growth g.
    pub frontier_growth: f64,
    /// Catch-up speed β.
    pub catch_up: f64,
}

/// Trade-arena parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct TradeParams {
    /// The tariff raised by a barrier (D).
    pub barrier_tariff: f64,
    /// Top import partners per nation that form the links.
    pub partners_per_nation: usize,
}

/// Trust and misperception parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct TrustParams {
    /// Initial trust.
    pub initial: f64,
    /// Weight of the newest observation.
    pub learning_rate: f64,
    /// Observation error at zero trust.
    pub misperception: f64,
    /// How far dialogue lowers misperception.
    pub dialogue: f64,
}

/// Shock parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct ShockParams {
    /// Crisis onset probability per nation-year.
    pub crisis_probability: f64,
    /// Output lost in the onset year.
    pub crisis_output_loss: f64,
    /// Share of the gap recovered per year.
    pub crisis_recovery: f64,
    /// Contagion strength.
    pub contagion: f64,
    /// Contagion loss above which a partner counts as in crisis.
    pub contagion_threshold: f64,
}

/// How blocs are formed.
#[derive(Clone, Debug, PartialEq)]
pub enum BlocSpec {
    /// Two blocs from the spectral partition of the trade network; a nation whose trade with
    /// either bloc is at most `nonaligned_band` of its trade with both is non-aligned.
    Derived {
        /// The band (0.5 to 1).
        nonaligned_band: f64,
    },
    /// Named blocs with ISO3 members, as written (checked against the world when a run is prepared).
    Given(Vec<(String, Vec<(String, usize)>)>),
}

/// How nations get their initial doctrine in a regime.
#[derive(Clone, Debug, PartialEq)]
pub enum DoctrineAssignment {
    /// Every nation plays one doctrine.
    Uniform(Doctrine),
    /// Each nation draws a doctrine with these normalised probabilities (sorted by doctrine).
    Mix(Vec<(Doctrine, f64)>),
}

/// Doctrine learning by pairwise comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Learning {
    /// Years between learning rounds.
    pub every: usize,
    /// Selection intensity of the Fermi rule (per percentage point of growth).
    pub intensity: f64,
}

/// Parameters of the climate arena (`[climate]`).
#[derive(Clone, Debug, PartialEq)]
pub struct ClimateParams {
    /// Whether runs include the climate arena.
    pub enabled: bool,
    /// Multiplier on the DICE-2016R2 damage coefficient (1 = the published damages).
    pub damage_multiplier: f64,
    /// Equilibrium warming for a doubling of CO₂ (°C; DICE-2016R2: 3.1).
    pub climate_sensitivity: f64,
}

/// A climate club (Nordhaus 2015): members price carbon at least at the target price and tax
/// every non-member's goods at the penalty tariff.
#[derive(Clone, Debug, PartialEq)]
pub struct Club {
    /// Members: (ISO3, line in the file).
    pub members: Vec<(String, usize)>,
    /// Target carbon price from 2020 on ($/tCO₂, 2010 US$).
    pub target_price: f64,
    /// Uniform tariff members levy on the goods of non-members.
    pub penalty_tariff: f64,
}

/// One regime: an assignment of doctrines, fixed overrides and optional learning.
#[derive(Clone, Debug, PartialEq)]
pub struct Regime {
    /// Name shown in outputs.
    pub name: String,
    /// Initial doctrines.
    pub assignment: DoctrineAssignment,
    /// Nations with a fixed doctrine: (ISO3, doctrine, line in the file).
    pub overrides: Vec<(String, Doctrine, usize)>,
    /// Learning, if any.
    pub learning: Option<Learning>,
    /// The regime's climate club, if any.
    pub club: Option<Club>,
}

/// One dataset a scenario replaces with a user file.
#[derive(Clone, Debug, PartialEq)]
pub struct DataFile {
    /// The dataset key (one of [`crate::data::Sources::KEYS`]).
    pub dataset: &'static str,
    /// The path as written, relative to the scenario file.
    pub path: String,
    /// Line of the key in the scenario file.
    pub line: usize,
}

/// A validated scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The file it came from (for messages).
    pub file: String,
    /// Short name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Years simulated.
    pub years: usize,
    /// Replicates per regime.
    pub replicates: usize,
    /// Root seed.
    pub seed: u64,
    /// Economy.
    pub economy: EconomyParams,
    /// Trade arena.
    pub trade: TradeParams,
    /// Trust.
    pub trust: TrustParams,
    /// Forgiveness rate of win-win toward a fully trusted partner.
    pub generosity: f64,
    /// Shocks.
    pub shocks: ShockParams,
    /// Blocs.
    pub blocs: BlocSpec,
    /// Regimes, in the order written.
    pub regimes: Vec<Regime>,
    /// Datasets replaced by user files (`[data]`); empty for the embedded world.
    pub data: Vec<DataFile>,
    /// The climate arena.
    pub climate: ClimateParams,
}

impl Scenario {
    /// The embedded default scenario.
    pub fn default_scenario() -> Scenario {
        Scenario::parse(DEFAULT_SCENARIO_TOML, "<default>").expect("the embedded default scenario is valid")
    }

    /// Checks that every ISO3 code the scenario names (overrides, given blocs) is one of
    /// `iso3`, the nations of the world it will run on.
    pub fn check_nations(&self, iso3: &[String]) -> Result<(), ScenarioError> {
        let known = |code: &str| iso3.iter().any(|c| c.eq_ignore_ascii_case(code));
        let unknown = |code: &str, line: usize, field: String| ScenarioError {
            file: self.file.clone(),
            line: Some(line),
            field,
            message: format!(
                "{code} is not a nation of this world; use a three-letter ISO3 code it lists (`commonweal data`)"
            ),
        };
        if let BlocSpec::Given(list) = &self.blocs {
            for (name, members) in list {
                if let Some((code, line)) = members.iter().find(|(c, _)| !known(c)) {
                    return Err(unknown(code, *line, format!("blocs.members.{name}")));
                }
            }
        }
        for (k, r) in self.regimes.iter().enumerate() {
            if let Some((code, _, line)) = r.overrides.iter().find(|(c, _, _)| !known(c)) {
                return Err(unknown(code, *line, format!("regime[{k}].overrides.{code}")));
            }
            if let Some((code, line)) = r.club.iter().flat_map(|c| &c.members).find(|(c, _)| !known(c)) {
                return Err(unknown(code, *line, format!("regime[{k}].club.members")));
            }
        }
        Ok(())
    }

    /// Parses and validates TOML text; `file` is used in error messages.
    pub fn parse(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
        RawScenario::parse(text, file)?.validate(text, file)
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

impl RawScenario {
    /// Parses TOML into the raw mirror; syntax and unknown-key errors carry their line.
    pub fn parse(text: &str, file: &str) -> Result<RawScenario, ScenarioError> {
        toml::from_str(text).map_err(|err| ScenarioError {
            file: file.to_string(),
            line: err.span().map(|span| line_of(text, span.start)),
            field: String::new(),
            message: err.message().trim().replace('\n', " "),
        })
    }

    /// Checks every value and builds the validated [`Scenario`].
    pub fn validate(&self, text: &str, file: &str) -> Result<Scenario, ScenarioError> {
        let v = Validator { text, file };
        let economy = EconomyParams {
            alpha: v.open_unit(&self.economy.alpha, "economy.alpha", 0.35)?,
            saving_rate: v.range(&self.economy.saving_rate, "economy.saving_rate", 0.22, 0.0, 1.0)?,
            depreciation: v.range(&self.economy.depreciation, "economy.depreciation", 0.05, 0.0, 1.0)?,
            frontier_growth: v.range(
                &self.economy.frontier_growth,
                "economy.frontier_growth",
                0.015,
                -0.1,
                0.2,
            )?,
            catch_up: v.range(&self.economy.catch_up, "economy.catch_up", 0.05, 0.0, 10.0)?,
        };
        let trade = TradeParams {
            barrier_tariff: v.range(&self.trade.barrier_tariff, "trade.barrier_tariff", 0.1, 0.0, 5.0)?,
            partners_per_nation: v.int(
                &self.trade.partners_per_nation,
                "trade.partners_per_nation",
                5,
                1,
                195,
            )? as usize,
        };
        let trust = TrustParams {
            initial: v.range(&self.trust.initial, "trust.initial", 0.5, 0.0, 1.0)?,
            learning_rate: v.range(&self.trust.learning_rate, "trust.learning_rate", 0.2, 0.0, 1.0)?,
            misperception: v.range(&self.trust.misperception, "trust.misperception", 0.05, 0.0, 0.5)?,
            dialogue: v.range(&self.trust.dialogue, "trust.dialogue", 0.5, 0.0, 1.0)?,
        };
        let generosity = v.range(&self.doctrine.generosity, "doctrine.generosity", 0.3, 0.0, 1.0)?;
        let s = &self.shocks;
        let shocks = ShockParams {
            crisis_probability: v.range(
                &s.crisis_probability,
                "shocks.crisis_probability",
                0.03,
                0.0,
                1.0,
            )?,
            crisis_output_loss: v.range(
                &s.crisis_output_loss,
                "shocks.crisis_output_loss",
                0.06,
                0.0,
                1.0,
            )?,
            crisis_recovery: v.range(&s.crisis_recovery, "shocks.crisis_recovery", 0.5, 0.0, 1.0)?,
            contagion: v.range(&s.contagion, "shocks.contagion", 1.0, 0.0, 10.0)?,
            contagion_threshold: v.range(
                &s.contagion_threshold,
                "shocks.contagion_threshold",
                0.01,
                0.0,
                1.0,
            )?,
        };
        let c = &self.climate;
        let climate = ClimateParams {
            enabled: c.enabled.as_ref().is_none_or(|e| *e.get_ref()),
            damage_multiplier: v.range(&c.damage_multiplier, "climate.damage_multiplier", 1.0, 0.0, 10.0)?,
            climate_sensitivity: v.range(
                &c.climate_sensitivity,
                "climate.climate_sensitivity",
                3.1,
                1.0,
                10.0,
            )?,
        };
        let blocs = self.validate_blocs(&v)?;
        let regimes = self.validate_regimes(&v)?;
        if !climate.enabled
            && let Some((k, raw)) = self
                .regime
                .iter()
                .flat_map(|list| list.get_ref().iter().enumerate())
                .find(|(_, r)| r.club.is_some())
        {
            let span = raw.club.as_ref().map(|c| c.span()).unwrap_or(0..0);
            return Err(v.err(
                span,
                &format!("regime[{k}].club"),
                "a climate club needs the climate arena; set [climate] enabled = true or remove the club",
            ));
        }
        let mut data = Vec::new();
        for (dataset, entry) in self.data.entries() {
            if let Some(path) = entry {
                if path.get_ref().trim().is_empty() {
                    return Err(v.err(
                        path.span(),
                        &format!("data.{dataset}"),
                        "empty path; give a CSV file in the schema of the embedded dataset, relative to the scenario file, or remove the key to use the embedded one",
                    ));
                }
                data.push(DataFile {
                    dataset,
                    path: path.get_ref().clone(),
                    line: line_of(text, path.span().start),
                });
            }
        }
        Ok(Scenario {
            file: file.to_string(),
            name: self.name.as_ref().map_or("unnamed".to_string(), |n| n.get_ref().clone()),
            description: self.description.as_ref().map_or(String::new(), |d| d.get_ref().clone()),
            years: v.int(&self.run.years, "run.years", 50, 1, 1000)? as usize,
            replicates: v.int(&self.run.replicates, "run.replicates", 100, 1, 100_000)? as usize,
            seed: v.int(&self.run.seed, "run.seed", 2017, 0, i64::MAX)? as u64,
            economy,
            trade,
            trust,
            generosity,
            shocks,
            blocs,
            regimes,
            data,
            climate,
        })
    }

    fn validate_blocs(&self, v: &Validator) -> Result<BlocSpec, ScenarioError> {
        let mode = self.blocs.mode.as_ref();
        let mode_name = mode.map_or("derived", |m| m.get_ref().as_str());
        match mode_name {
            "derived" => {
                if let Some(members) = &self.blocs.members {
                    return Err(v.err(
                        members.span(),
                        "blocs.members",
                        "members are only read with mode = \"given\"; set blocs.mode = \"given\" or remove them",
                    ));
                }
                let band = v.range(&self.blocs.nonaligned_band, "blocs.nonaligned_band", 0.6, 0.5, 1.0)?;
                Ok(BlocSpec::Derived { nonaligned_band: band })
            }
            "given" => {
                let mode_span = mode.map(|m| m.span()).unwrap_or(0..0);
                let Some(members) = &self.blocs.members else {
                    return Err(v.err(
                        mode_span,
                        "blocs.members",
                        "mode = \"given\" needs a [blocs.members] table naming each bloc's ISO3 members",
                    ));
                };
                if members.get_ref().len() < 2 {
                    return Err(v.err(
                        members.span(),
                        "blocs.members",
                        &format!("{} bloc(s) given; name at least 2", members.get_ref().len()),
                    ));
                }
                let mut seen: BTreeMap<String, String> = BTreeMap::new();
                let mut blocs = Vec::new();
                for (bloc, list) in members.get_ref() {
                    let field = format!("blocs.members.{bloc}");
                    let mut iso = Vec::new();
                    for code in list.get_ref() {
                        let c = v.iso3(code, &field)?;
                        if let Some(other) = seen.insert(c.clone(), bloc.clone()) {
                            return Err(v.err(
                                code.span(),
                                &field,
                                &format!(
                                    "{c} is already a member of bloc {other:?}; a nation belongs to one bloc"
                                ),
                            ));
                        }
                        iso.push((c, line_of(v.text, code.span().start)));
                    }
                    blocs.push((bloc.clone(), iso));
                }
                Ok(BlocSpec::Given(blocs))
            }
            other => Err(v.err(
                mode.map(|m| m.span()).unwrap_or(0..0),
                "blocs.mode",
                &format!("got {other:?}; valid: \"derived\" or \"given\""),
            )),
        }
    }

    fn validate_regimes(&self, v: &Validator) -> Result<Vec<Regime>, ScenarioError> {
        let Some(list) = &self.regime else {
            // No regimes written: the default four.
            let default: RawScenario = toml::from_str(DEFAULT_SCENARIO_TOML).expect("default parses");
            return default.validate_regimes(&Validator { text: DEFAULT_SCENARIO_TOML, file: "<default>" });
        };
        if list.get_ref().is_empty() {
            return Err(v.err(list.span(), "regime", "no regimes; write at least one [[regime]] table"));
        }
        let mut regimes = Vec::new();
        for (k, raw) in list.get_ref().iter().enumerate() {
            let field = format!("regime[{k}]");
            let name = match &raw.name {
                Some(n) if !n.get_ref().trim().is_empty() => n.get_ref().trim().to_string(),
                Some(n) => {
                    return Err(v.err(
                        n.span(),
                        &format!("{field}.name"),
                        "empty name; give each regime a name",
                    ));
                }
                None => {
                    return Err(v.err(
                        list.span(),
                        &format!("{field}.name"),
                        "missing; give each regime a name",
                    ));
                }
            };
            let name_span = raw.name.as_ref().map(|n| n.span()).unwrap_or(0..0);
            if regimes.iter().any(|r: &Regime| r.name == name) {
                return Err(v.err(
                    name_span,
                    &format!("{field}.name"),
                    &format!("regime {name:?} is named twice"),
                ));
            }
            let assignment = match (&raw.doctrine, &raw.mix) {
                (Some(d), None) => DoctrineAssignment::Uniform(
                    Doctrine::parse(d.get_ref())
                        .map_err(|m| v.err(d.span(), &format!("{field}.doctrine"), &m))?,
                ),
                (None, Some(mix)) => DoctrineAssignment::Mix(v.mix(mix, &format!("{field}.mix"))?),
                (Some(d), Some(_)) => {
                    return Err(v.err(
                        d.span(),
                        &format!("{field}.doctrine"),
                        "both `doctrine` and `mix` given; use one: a single doctrine or a mix of shares",
                    ));
                }
                (None, None) => {
                    return Err(v.err(
                        name_span,
                        &format!("{field}.doctrine"),
                        "missing; give `doctrine = \"win_win\"` (or another doctrine) or `mix = { … }`",
                    ));
                }
            };
            let mut overrides = Vec::new();
            if let Some(map) = &raw.overrides {
                for (code, doctrine) in map.get_ref() {
                    let f = format!("{field}.overrides.{code}");
                    let c = Spanned::new(doctrine.span(), code.clone());
                    let iso = v.iso3(&c, &f)?;
                    let d =
                        Doctrine::parse(doctrine.get_ref()).map_err(|m| v.err(doctrine.span(), &f, &m))?;
                    overrides.push((iso, d, line_of(v.text, doctrine.span().start)));
                }
            }
            let learning = match &raw.learning {
                None => None,
                Some(l) => {
                    let every =
                        v.int(&l.get_ref().every, &format!("{field}.learning.every"), 5, 1, 1000)? as usize;
                    let intensity = v.range(
                        &l.get_ref().intensity,
                        &format!("{field}.learning.intensity"),
                        1.0,
                        0.0,
                        1000.0,
                    )?;
                    Some(Learning { every, intensity })
                }
            };
            let club = match &raw.club {
                None => None,
                Some(c) => Some(v.club(c, &format!("{field}.club"))?),
            };
            regimes.push(Regime { name, assignment, overrides, learning, club });
        }
        Ok(regimes)
    }
}

/// Range checks with messages that point at the text.
struct Validator<'a> {
    text: &'a str,
    file: &'a str,
}

impl Validator<'_> {
    fn err(&self, span: Range<usize>, field: &str, message: &str) -> ScenarioError {
        ScenarioError {
            file: self.file.to_string(),
            line: (span.end > 0).then(|| line_of(self.text, span.start)),
            field: field.to_string(),
            message: message.to_string(),
        }
    }

    fn range(&self, value: &Num, field: &str, default: f64, lo: f64, hi: f64) -> Result<f64, ScenarioError> {
        let Some(value) = value else { return Ok(default) };
        let x = *value.get_ref();
        if x.is_finite() && x >= lo && x <= hi {
            Ok(x)
        } else {
            Err(self.err(value.span(), field, &format!("got {x}; valid: a number from {lo} to {hi}")))
        }
    }

    fn open_unit(&self, value: &Num, field: &str, default: f64) -> Result<f64, ScenarioError> {
        let Some(value) = value else { return Ok(default) };
        let x = *value.get_ref();
        if x.is_finite() && x > 0.0 && x < 1.0 {
            Ok(x)
        } else {
            Err(self.err(value.span(), field, &format!("got {x}; valid: a number strictly between 0 and 1")))
        }
    }

    fn int(&self, value: &Int, field: &str, default: i64, lo: i64, hi: i64) -> Result<i64, ScenarioError> {
        let Some(value) = value else { return Ok(default) };
        let x = *value.get_ref();
        if x >= lo && x <= hi {
            Ok(x)
        } else {
            Err(self.err(value.span(), field, &format!("got {x}; valid: a whole number from {lo} to {hi}")))
        }
    }

    fn iso3(&self, code: &Spanned<String>, field: &str) -> Result<String, ScenarioError> {
        let c = code.get_ref().trim();
        if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(c.to_ascii_uppercase())
        } else {
            Err(self.err(
                code.span(),
                field,
                &format!("got {c:?}; valid: a three-letter ISO3 code such as \"USA\""),
            ))
        }
    }

    fn club(&self, club: &Spanned<RawClub>, field: &str) -> Result<Club, ScenarioError> {
        let raw = club.get_ref();
        let members_field = format!("{field}.members");
        let Some(list) = &raw.members else {
            return Err(self.err(
                club.span(),
                &members_field,
                "missing; list the club's members by ISO3 code, e.g. members = [\"DEU\", \"FRA\"]",
            ));
        };
        if list.get_ref().is_empty() {
            return Err(self.err(list.span(), &members_field, "no members; list at least one ISO3 code"));
        }
        let mut members: Vec<(String, usize)> = Vec::new();
        for code in list.get_ref() {
            let c = self.iso3(code, &members_field)?;
            if members.iter().any(|(m, _)| *m == c) {
                return Err(self.err(code.span(), &members_field, &format!("{c} is listed twice")));
            }
            members.push((c, line_of(self.text, code.span().start)));
        }
        Ok(Club {
            members,
            target_price: self.range(
                &raw.target_price,
                &format!("{field}.target_price"),
                25.0,
                0.0,
                1000.0,
            )?,
            penalty_tariff: self.range(
                &raw.penalty_tariff,
                &format!("{field}.penalty_tariff"),
                0.03,
                0.0,
                1.0,
            )?,
        })
    }

    fn mix(
        &self,
        mix: &Spanned<BTreeMap<String, Spanned<f64>>>,
        field: &str,
    ) -> Result<Vec<(Doctrine, f64)>, ScenarioError> {
        let mut shares: Vec<(Doctrine, f64)> = Vec::new();
        for (name, share) in mix.get_ref() {
            let f = format!("{field}.{name}");
            let d = Doctrine::parse(name).map_err(|m| self.err(share.span(), &f, &m))?;
            let x = *share.get_ref();
            if !(x.is_finite() && x >= 0.0) {
                return Err(self.err(share.span(), &f, &format!("got {x}; valid: a share of 0 or more")));
            }
            if shares.iter().any(|(e, _)| *e == d) {
                return Err(self.err(share.span(), &f, "doctrine listed twice in the mix"));
            }
            shares.push((d, x));
        }
        let total: f64 = shares.iter().map(|(_, x)| x).sum();
        if !(total > 0.0 && total.is_finite()) {
            return Err(self.err(mix.span(), field, "the shares sum to 0; give at least one positive share"));
        }
        shares.retain(|(_, x)| *x > 0.0);
        shares.sort_by_key(|a| a.0);
        Ok(shares.into_iter().map(|(d, x)| (d, x / total)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scenario_has_the_four_regimes() {
        let s = Scenario::default_scenario();
        let names: Vec<&str> = s.regimes.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["win_win", "zero_sum", "blocs", "mixed_learning"]);
        assert_eq!((s.years, s.replicates), (50, 100));
        assert!(s.regimes[3].learning.is_some());
    }

    #[test]
    fn empty_file_takes_every_default() {
        let s = Scenario::parse("", "empty.toml").unwrap();
        let d = Scenario::default_scenario();
        assert_eq!(s.economy, d.economy);
        assert_eq!(s.regimes, d.regimes);
        assert_eq!(s.name, "unnamed");
    }

    #[test]
    fn out_of_range_value_names_file_line_field_and_range() {
        let text = "[run]\nyears = 10\n\n[economy]\nalpha = 1.5\n";
        let err = Scenario::parse(text, "s.toml").unwrap_err();
        assert_eq!(err.line, Some(5));
        assert_eq!(err.field, "economy.alpha");
        let msg = err.to_string();
        assert!(msg.starts_with("s.toml:5: field `economy.alpha`: got 1.5"), "{msg}");
        assert!(msg.contains("between 0 and 1"), "{msg}");
    }

    #[test]
    fn unknown_key_is_reported_with_its_line() {
        let err = Scenario::parse("[economy]\nalpah = 0.3\n", "s.toml").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("alpah"), "{}", err.message);
    }

    #[test]
    fn doctrines_parse_and_round_trip() {
        for d in Doctrine::BUILT_IN {
            assert_eq!(Doctrine::parse(&d.name()).unwrap(), d);
        }
        let tft = Doctrine::parse("strategy:Tit For Tat").unwrap();
        assert_eq!(tft.name(), "strategy:tit_for_tat");
        assert!(Doctrine::parse("strategy:nonsense").is_err());
        assert!(Doctrine::parse("hawk").unwrap_err().contains("win_win"));
    }

    #[test]
    fn mix_is_normalised() {
        let text = "[[regime]]\nname = \"m\"\nmix = { win_win = 3, zero_sum = 1 }\n";
        let s = Scenario::parse(text, "m.toml").unwrap();
        assert_eq!(
            s.regimes[0].assignment,
            DoctrineAssignment::Mix(vec![(Doctrine::ZeroSum, 0.25), (Doctrine::WinWin, 0.75)])
        );
    }
}
