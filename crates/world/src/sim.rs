//! One simulated history of the world: the economy, the trade arena played by doctrines, trust
//! and misperception, doctrine learning and financial crises, year by year.
//!
//! [`Prepared`] binds a validated [`Scenario`] to an [`ArenaWorld`] once (bloc membership,
//! overrides resolved to nation indices, calibrated productivity) and is the only step that can
//! fail; [`Prepared::run`] then never fails.
//!
//! The model, per year t = 1..=T (year 0 is the base year and reproduces the data):
//! 0. the climate arena ([`crate::climate::arena`], unless the scenario disables it) reads each
//!    nation's stance from its doctrine and solves the climate game again if the stances changed;
//! 1. every link side chooses C (barriers low) or D (raise the barrier tariff) by its nation's
//!    doctrine, from what it has perceived of the partner so far;
//! 2. each nation's real-income effect of trade policy is the sum of its links' stage payoffs
//!    (plus, under a climate club, the penalty tariffs' effect solved once in general equilibrium);
//! 3. each side observes the partner's action with error `misperception · (1 − dialogue · trust)`
//!    and updates trust, a running estimate of the partner's cooperation;
//! 4. financial crises start with the scenario's probability (draws shared by every regime of a
//!    replicate) and spread to partners in proportion to their trade exposure, less where barriers
//!    cut the flow;
//! 5. output `Y = A K^α L^(1−α) (1 − gap)`, net of climate damages and abatement cost
//!    `Y · climate factor`, real income `Y · climate factor · (1 + trade effect)`;
//! 6. capital `K ← (1 − δ) K + s · real income`; productivity `A ← A (1 + g + c)` with catch-up
//!    `c = β Σ_j π_ij m_ij max(0, ln A_j − ln A_i)`, `m_ij = (1 + t)^(−ε)` where i taxes j's goods and
//!    1 otherwise; the crisis gap closes by the recovery share;
//! 7. every `every` years, with learning, each nation compares itself with one random linked
//!    partner and copies its doctrine with the Fermi probability.

use crate::arena::ArenaWorld;
use crate::blocs::{self, Blocs};
use crate::climate::arena::{ClimateArena, ClimateRun, ClimateSeries, RegimeClub};
use crate::scenario::{BlocSpec, Doctrine, DoctrineAssignment, Learning, Scenario, ScenarioError};
use commonweal_games::rng::{StreamRng, bernoulli, derive_seed, label, stream, uniform};
use commonweal_games::strategy::{MatchInfo, Strategy};
use commonweal_games::{Action, C, D, History, registry};

/// Stream label of crisis onsets: `(seed, CRISIS, replicate, nation, year)`.
pub const CRISIS: u64 = label("crisis");
/// Stream label of initial doctrine draws: `(seed, ASSIGN, replicate, nation)`.
pub const ASSIGN: u64 = label("doctrine-assignment");
/// Stream label of a link side's decisions and observations: `(seed, SIDE, replicate, link, side)`.
pub const SIDE: u64 = label("link-side");
/// Stream label of learning: `(seed, LEARN, replicate, nation, year)`.
pub const LEARN: u64 = label("learning");

/// Fallback capital–output ratio where the data have no capital stock.
pub const DEFAULT_CAPITAL_OUTPUT: f64 = 3.0;

/// A registry strategy playing one link side: its registry index, the player and its history.
type Player = (u16, Box<dyn Strategy>, History);

/// A regime bound to the world's nations.
#[derive(Clone, Debug)]
pub struct PreparedRegime {
    /// The regime's name.
    pub name: String,
    /// Initial doctrines.
    pub assignment: DoctrineAssignment,
    /// Fixed doctrine per nation, where the scenario overrides it (never changed by learning).
    pub fixed: Vec<Option<Doctrine>>,
    /// Learning, if any.
    pub learning: Option<Learning>,
    /// The regime's climate club, if any.
    pub club: Option<RegimeClub>,
}

/// A scenario bound to a world: everything a run needs, checked once.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The scenario.
    pub scenario: Scenario,
    /// The world.
    pub world: ArenaWorld,
    /// Bloc membership.
    pub blocs: Blocs,
    /// Regimes.
    pub regimes: Vec<PreparedRegime>,
    /// The universal zero-sum regime every replicate is compared with (win-win share).
    pub reference: PreparedRegime,
    /// Every doctrine any regime can reach, sorted: the columns of doctrine shares.
    pub doctrines: Vec<Doctrine>,
    /// Each nation's partners and the (link, side) it plays them on.
    pub partners: Vec<Vec<(u32, u8)>>,
    /// Dense link index `[i · n + j]` (u32::MAX when not linked).
    pub link_index: Vec<u32>,
    /// Contagion exposure `[j · n + i]`: j's trade with i as a share of j's output.
    pub exposure: Vec<f64>,
    /// Base-year capital.
    pub capital0: Vec<f64>,
    /// Depreciation per nation.
    pub depreciation: Vec<f64>,
    /// Calibrated base-year productivity.
    pub productivity0: Vec<f64>,
    /// The climate arena, unless the scenario disables it.
    pub climate: Option<ClimateArena>,
}

/// Everything recorded about one run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunOutput {
    /// Real income per year and nation, row-major `(T + 1) × n`; year 0 is the base year.
    pub income: Vec<f64>,
    /// Share of link sides playing C, years 1..=T.
    pub cooperation: Vec<f64>,
    /// Mean tariff over link sides, years 1..=T.
    pub barrier: Vec<f64>,
    /// Mean trust over link sides at the end of each year 1..=T.
    pub trust: Vec<f64>,
    /// Crises (onsets plus contagion above the threshold), years 1..=T.
    pub crises: Vec<u32>,
    /// Nations per doctrine, row-major `(T + 1) × doctrines.len()`.
    pub doctrine_counts: Vec<u32>,
    /// The climate arena's series, when the scenario has it.
    pub climate: Option<ClimateSeries>,
}

impl Prepared {
    /// Binds a scenario to a world; fails only on names the world does not know.
    pub fn new(scenario: Scenario, world: ArenaWorld) -> Result<Prepared, ScenarioError> {
        let n = world.n();
        let codes: Vec<String> = world.nations.iter().map(|v| v.iso3.clone()).collect();
        scenario.check_nations(&codes)?;
        let index = |iso: &str| world.find(iso).expect("checked by check_nations");
        let flows = world.trade_flows();
        let blocs = match &scenario.blocs {
            BlocSpec::Derived { nonaligned_band } => {
                let anchor = (0..n)
                    .max_by(|&a, &b| world.nations[a].output.total_cmp(&world.nations[b].output))
                    .unwrap_or(0);
                blocs::derive(&flows, n, anchor, *nonaligned_band)
            }
            BlocSpec::Given(list) => {
                let mut membership = vec![None; n];
                for (k, (_, members)) in list.iter().enumerate() {
                    for (iso, _) in members {
                        membership[index(iso)] = Some(k as u16);
                    }
                }
                Blocs { names: list.iter().map(|(name, _)| name.clone()).collect(), membership }
            }
        };
        let climate = if scenario.climate.enabled {
            Some(ClimateArena::new(&world, &scenario.climate).map_err(|e| ScenarioError {
                file: scenario.file.clone(),
                line: None,
                field: "climate".into(),
                message: format!("the climate arena cannot be built for this world: {e}"),
            })?)
        } else {
            None
        };
        let mut regimes = Vec::new();
        let mut doctrines: Vec<Doctrine> = vec![Doctrine::ZeroSum];
        for (k, r) in scenario.regimes.iter().enumerate() {
            let club = match (&r.club, &climate) {
                (Some(c), Some(arena)) => {
                    let mut members = vec![false; n];
                    for (iso, _) in &c.members {
                        members[index(iso)] = true;
                    }
                    let club =
                        arena.club(&world, members, c.target_price, c.penalty_tariff).map_err(|e| {
                            ScenarioError {
                                file: scenario.file.clone(),
                                line: c.members.first().map(|m| m.1),
                                field: format!("regime[{k}].club"),
                                message: format!("the club's penalty tariffs cannot be solved: {e}"),
                            }
                        })?;
                    Some(club)
                }
                _ => None,
            };
            let mut fixed = vec![None; n];
            for (iso, d, _) in &r.overrides {
                fixed[index(iso)] = Some(*d);
                doctrines.push(*d);
            }
            match &r.assignment {
                DoctrineAssignment::Uniform(d) => doctrines.push(*d),
                DoctrineAssignment::Mix(m) => doctrines.extend(m.iter().map(|(d, _)| *d)),
            }
            regimes.push(PreparedRegime {
                name: r.name.clone(),
                assignment: r.assignment.clone(),
                fixed,
                learning: r.learning.clone(),
                club,
            });
        }
        doctrines.sort();
        doctrines.dedup();
        let reference = PreparedRegime {
            name: "zero_sum (reference)".into(),
            assignment: DoctrineAssignment::Uniform(Doctrine::ZeroSum),
            fixed: vec![None; n],
            learning: None,
            club: None,
        };

        let mut partners = vec![Vec::new(); n];
        let mut link_index = vec![u32::MAX; n * n];
        for (l, link) in world.links.iter().enumerate() {
            partners[link.a].push((l as u32, 0u8));
            partners[link.b].push((l as u32, 1u8));
            link_index[link.a * n + link.b] = l as u32;
            link_index[link.b * n + link.a] = l as u32;
        }
        let mut exposure = vec![0.0; n * n];
        for j in 0..n {
            for i in 0..n {
                if i != j {
                    exposure[j * n + i] = flows[j * n + i] / world.nations[j].output;
                }
            }
        }
        let alpha = scenario.economy.alpha;
        let capital0: Vec<f64> = world
            .nations
            .iter()
            .map(|v| {
                v.capital.filter(|k| k.is_finite() && *k > 0.0).unwrap_or(DEFAULT_CAPITAL_OUTPUT * v.output)
            })
            .collect();
        let depreciation = world
            .nations
            .iter()
            .map(|v| {
                v.depreciation
                    .filter(|d| d.is_finite() && (0.0..1.0).contains(d))
                    .unwrap_or(scenario.economy.depreciation)
            })
            .collect();
        let productivity0 = world
            .nations
            .iter()
            .zip(&capital0)
            .map(|(v, k)| v.output / (k.powf(alpha) * v.population.powf(1.0 - alpha)))
            .collect();
        Ok(Prepared {
            scenario,
            world,
            blocs,
            regimes,
            reference,
            doctrines,
            partners,
            link_index,
            exposure,
            capital0,
            depreciation,
            productivity0,
            climate,
        })
    }

    /// Number of nations.
    pub fn n(&self) -> usize {
        self.world.n()
    }

    /// The initial doctrines of a regime in a replicate.
    pub fn initial_doctrines(&self, regime: &PreparedRegime, replicate: u64) -> Vec<Doctrine> {
        let seed = self.scenario.seed;
        (0..self.n())
            .map(|i| {
                if let Some(d) = regime.fixed[i] {
                    return d;
                }
                match &regime.assignment {
                    DoctrineAssignment::Uniform(d) => *d,
                    DoctrineAssignment::Mix(mix) => {
                        let mut rng = stream(seed, &[ASSIGN, replicate, i as u64]);
                        let u = uniform(&mut rng);
                        let mut acc = 0.0;
                        for (d, share) in mix {
                            acc += share;
                            if u < acc {
                                return *d;
                            }
                        }
                        mix.last().expect("a validated mix is not empty").0
                    }
                }
            })
            .collect()
    }

    /// Runs regime `regime` (an index into [`Prepared::regimes`]) for one replicate.
    pub fn run(&self, regime: usize, replicate: u64) -> RunOutput {
        self.run_regime(&self.regimes[regime], replicate)
    }

    /// Runs the universal zero-sum reference for one replicate.
    pub fn run_reference(&self, replicate: u64) -> RunOutput {
        self.run_regime(&self.reference, replicate)
    }

    /// Runs any prepared regime for one replicate. Never fails.
    pub fn run_regime(&self, regime: &PreparedRegime, replicate: u64) -> RunOutput {
        let sc = &self.scenario;
        let world = &self.world;
        let n = world.n();
        let years = sc.years;
        let n_links = world.links.len();
        let n_sides = 2 * n_links;
        let alpha = sc.economy.alpha;
        let tariff = world.barrier_tariff;
        let flow_cut = (1.0 + tariff).powf(-world.elasticity);
        let generosity = sc.generosity;
        let seed = sc.seed;

        let mut doctrine = self.initial_doctrines(regime, replicate);
        let labour: Vec<f64> = world.nations.iter().map(|v| v.population).collect();
        let labour_term: Vec<f64> = labour.iter().map(|l| l.powf(1.0 - alpha)).collect();
        let mut capital = self.capital0.clone();
        let mut productivity = self.productivity0.clone();
        let mut gap = vec![0.0; n];
        let mut effect = vec![0.0; n];
        let mut catch_up = vec![0.0; n];
        let mut ln_a = vec![0.0; n];

        let mut trust = vec![sc.trust.initial; n_sides];
        let mut perceived: Vec<Option<Action>> = vec![None; n_sides];
        let mut actions = vec![C; n_sides];
        let mut rngs: Vec<StreamRng> =
            (0..n_sides).map(|s| stream(seed, &[SIDE, replicate, (s / 2) as u64, (s % 2) as u64])).collect();
        let mut players: Vec<Option<Player>> = (0..n_sides).map(|_| None).collect();
        let info = MatchInfo { length: Some(years), ..MatchInfo::default() };

        let n_doc = self.doctrines.len();
        let mut out = RunOutput {
            income: Vec::with_capacity((years + 1) * n),
            cooperation: Vec::with_capacity(years),
            barrier: Vec::with_capacity(years),
            trust: Vec::with_capacity(years),
            crises: Vec::with_capacity(years),
            doctrine_counts: vec![0; (years + 1) * n_doc],
            climate: None,
        };
        let mut climate = self
            .climate
            .as_ref()
            .map(|arena| ClimateRun::new(arena, regime.club.as_ref(), seed, replicate, years));
        let mut gross = vec![0.0; n];
        out.income.extend(world.nations.iter().map(|v| v.output));
        self.count_doctrines(&doctrine, &mut out.doctrine_counts[..n_doc]);

        for year in 1..=years {
            // 0. The climate arena reads this year's stances (solving again if they changed).
            if let Some(c) = climate.as_mut() {
                c.begin_year(year, &doctrine, &self.blocs);
            }

            // 1. Decisions, from what each side perceived up to last year.
            let mut n_coop = 0usize;
            for (l, link) in world.links.iter().enumerate() {
                for side in 0..2 {
                    let s = 2 * l + side;
                    let me = link.nation(side);
                    let partner = link.nation(1 - side);
                    let action = match doctrine[me] {
                        Doctrine::Unconditional => C,
                        Doctrine::ZeroSum => {
                            let belief = perceived[s].unwrap_or(C);
                            if link.payoff(side, D, belief) > link.payoff(side, C, belief) { D } else { C }
                        }
                        Doctrine::WinWin | Doctrine::Partnership => {
                            reciprocate(perceived[s], trust[s], generosity, &mut rngs[s])
                        }
                        Doctrine::Bloc => {
                            if self.blocs.allies(me, partner) {
                                C
                            } else if self.blocs.rivals(me, partner) {
                                D
                            } else {
                                reciprocate(perceived[s], trust[s], generosity, &mut rngs[s])
                            }
                        }
                        Doctrine::Strategy(idx) => {
                            let slot = &mut players[s];
                            if slot.as_ref().is_none_or(|(k, _, _)| *k != idx) {
                                let player = registry::entries()[idx as usize].build();
                                *slot = Some((idx, player, History::with_capacity(years)));
                            }
                            let (_, player, history) = slot.as_mut().expect("just filled");
                            player.play(history, &info, &mut rngs[s])
                        }
                    };
                    actions[s] = action;
                    n_coop += (action == C) as usize;
                }
            }

            // 2. Real-income effect of this year's trade policy.
            effect.iter_mut().for_each(|e| *e = 0.0);
            for (l, link) in world.links.iter().enumerate() {
                let (aa, ab) = (actions[2 * l], actions[2 * l + 1]);
                effect[link.a] += link.payoff(0, aa, ab);
                effect[link.b] += link.payoff(1, ab, aa);
            }
            if let Some(c) = climate.as_ref() {
                for (i, e) in effect.iter_mut().enumerate() {
                    *e += c.penalty_effect(i);
                }
            }

            // 3. Observation with misperception, trust, strategy histories.
            let mut trust_sum = 0.0;
            for s in 0..n_sides {
                let link = &world.links[s / 2];
                let me = link.nation(s % 2);
                let actual = actions[s ^ 1];
                let dialogue = if doctrine[me] == Doctrine::Partnership { 1.0 } else { sc.trust.dialogue };
                let q = sc.trust.misperception * (1.0 - dialogue * trust[s]);
                let seen = if bernoulli(&mut rngs[s], q) { actual.flip() } else { actual };
                perceived[s] = Some(seen);
                let lr = sc.trust.learning_rate;
                trust[s] = (1.0 - lr) * trust[s] + lr * if seen == C { 1.0 } else { 0.0 };
                trust_sum += trust[s];
                if let Some((_, _, history)) = players[s].as_mut() {
                    history.push(actions[s], seen);
                }
            }

            // 4. Crises: onsets from streams shared by every regime, contagion through trade.
            let mut n_crises = 0u32;
            let shocks = &sc.shocks;
            for i in 0..n {
                let draw = derive_seed(seed, &[CRISIS, replicate, i as u64, year as u64]);
                let u = (draw >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
                if u >= shocks.crisis_probability {
                    continue;
                }
                n_crises += 1;
                gap[i] += shocks.crisis_output_loss;
                if shocks.contagion > 0.0 {
                    for (j, gap_j) in gap.iter_mut().enumerate() {
                        if j == i {
                            continue;
                        }
                        let mut loss =
                            shocks.crisis_output_loss * shocks.contagion * self.exposure[j * n + i];
                        let l = self.link_index[i * n + j];
                        if l != u32::MAX && (actions[2 * l as usize] == D || actions[2 * l as usize + 1] == D)
                        {
                            loss *= flow_cut;
                        }
                        *gap_j += loss;
                        if loss > shocks.contagion_threshold {
                            n_crises += 1;
                        }
                    }
                }
            }

            // 5. Output, climate costs and real income.
            for i in 0..n {
                gap[i] = gap[i].min(0.9);
                gross[i] = productivity[i] * capital[i].powf(alpha) * labour_term[i] * (1.0 - gap[i]);
                let y = climate.as_ref().map_or(gross[i], |c| gross[i] * c.factor(i));
                out.income.push(y * (1.0 + effect[i]).max(0.0));
            }
            if let Some(c) = climate.as_mut() {
                c.record(&gross);
            }

            // 6. Accumulation, catch-up through (open) trade, recovery.
            let row = &out.income[year * n..(year + 1) * n];
            for i in 0..n {
                ln_a[i] = productivity[i].ln();
            }
            for i in 0..n {
                let shares = &world.import_share[i * n..(i + 1) * n];
                let mut c = 0.0;
                for j in 0..n {
                    let lead = ln_a[j] - ln_a[i];
                    if lead > 0.0 && j != i {
                        c += shares[j] * lead;
                    }
                }
                catch_up[i] = c;
            }
            for (s, &a) in actions.iter().enumerate() {
                if a == D {
                    let link = &world.links[s / 2];
                    let (i, j) = (link.nation(s % 2), link.nation(1 - s % 2));
                    let lead = ln_a[j] - ln_a[i];
                    if lead > 0.0 {
                        catch_up[i] -= world.import_share[i * n + j] * (1.0 - flow_cut) * lead;
                    }
                }
            }
            for i in 0..n {
                capital[i] = (1.0 - self.depreciation[i]) * capital[i] + sc.economy.saving_rate * row[i];
                productivity[i] *= 1.0 + sc.economy.frontier_growth + sc.economy.catch_up * catch_up[i];
                gap[i] *= 1.0 - shocks.crisis_recovery;
            }

            // 7. Learning by pairwise comparison.
            if let Some(learning) = regime.learning.as_ref().filter(|l| year % l.every == 0) {
                self.learn(regime, learning, replicate, year, &out.income, &mut doctrine);
            }

            let sides = n_sides.max(1) as f64;
            out.cooperation.push(n_coop as f64 / sides);
            out.barrier.push(tariff * (n_sides - n_coop) as f64 / sides);
            out.trust.push(if n_sides == 0 { sc.trust.initial } else { trust_sum / sides });
            out.crises.push(n_crises);
            self.count_doctrines(&doctrine, &mut out.doctrine_counts[year * n_doc..(year + 1) * n_doc]);
        }
        out.climate = climate.map(ClimateRun::finish);
        out
    }

    fn count_doctrines(&self, doctrine: &[Doctrine], counts: &mut [u32]) {
        for d in doctrine {
            let k = self.doctrines.iter().position(|x| x == d).expect("every reachable doctrine is listed");
            counts[k] += 1;
        }
    }

    /// One synchronous round of imitation: each nation picks a random linked partner and copies
    /// its doctrine with probability `1 / (1 + exp(−β (g_partner − g_own)))`, g being real-income
    /// growth in percent since the last round.
    fn learn(
        &self,
        regime: &PreparedRegime,
        learning: &Learning,
        replicate: u64,
        year: usize,
        income: &[f64],
        doctrine: &mut [Doctrine],
    ) {
        let n = self.n();
        let now = &income[year * n..(year + 1) * n];
        let then = &income[(year - learning.every) * n..(year - learning.every + 1) * n];
        let growth: Vec<f64> = now.iter().zip(then).map(|(a, b)| 100.0 * (a / b - 1.0)).collect();
        let old = doctrine.to_vec();
        for i in 0..n {
            if regime.fixed[i].is_some() || self.partners[i].is_empty() {
                continue;
            }
            let mut rng = stream(self.scenario.seed, &[LEARN, replicate, i as u64, year as u64]);
            let list = &self.partners[i];
            let (l, side) = list[((uniform(&mut rng) * list.len() as f64) as usize).min(list.len() - 1)];
            let j = self.world.links[l as usize].nation(1 - side as usize);
            if old[j] == old[i] {
                continue;
            }
            let p = fermi(learning.intensity, growth[j] - growth[i]);
            if bernoulli(&mut rng, p) {
                doctrine[i] = old[j];
            }
        }
    }
}

/// The pairwise-comparison (Fermi) imitation probability for a payoff advantage `delta`.
pub fn fermi(intensity: f64, delta: f64) -> f64 {
    1.0 / (1.0 + (-intensity * delta).exp())
}

/// Generous reciprocity weighted by trust: open first and after a perceived opening; after a
/// perceived barrier, forgive with probability `generosity · (1 + trust) / 2`.
#[inline]
pub fn reciprocate(perceived: Option<Action>, trust: f64, generosity: f64, rng: &mut StreamRng) -> Action {
    match perceived {
        None | Some(Action::C) => C,
        Some(Action::D) => {
            if bernoulli(rng, forgiveness(generosity, trust)) {
                C
            } else {
                D
            }
        }
    }
}

/// The forgiveness probability of `win_win` and `partnership` toward a partner trusted `trust`.
#[inline]
pub fn forgiveness(generosity: f64, trust: f64) -> f64 {
    generosity * (1.0 + trust) / 2.0
}

/// Population-weighted Gini coefficient of per-capita incomes.
pub fn gini(income: &[f64], population: &[f64]) -> f64 {
    let mut rows: Vec<(f64, f64)> = income.iter().zip(population).map(|(y, p)| (y / p, *p)).collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total_pop: f64 = rows.iter().map(|r| r.1).sum();
    let total_inc: f64 = rows.iter().map(|r| r.0 * r.1).sum();
    if total_pop <= 0.0 || total_inc <= 0.0 {
        return 0.0;
    }
    let mut cum = 0.0;
    let mut area = 0.0;
    for (y, p) in rows {
        let next = cum + y * p / total_inc;
        area += p / total_pop * (cum + next);
        cum = next;
    }
    1.0 - area
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::testing::small_world;
    use commonweal_games::rng::stream;
    use proptest::prelude::*;

    fn scenario(text: &str) -> Scenario {
        Scenario::parse(text, "test.toml").expect("valid test scenario")
    }

    fn prepared(text: &str, n: usize) -> Prepared {
        Prepared::new(scenario(text), small_world(n, 3)).expect("prepared")
    }

    const QUIET: &str = "[run]\nyears = 20\nreplicates = 2\n[trust]\nmisperception = 0.0\n[shocks]\ncrisis_probability = 0.0\n";

    #[test]
    fn base_year_reproduces_the_data() {
        let p = prepared(QUIET, 8);
        let out = p.run(0, 0);
        for (i, v) in p.world.nations.iter().enumerate() {
            assert_eq!(out.income[i], v.output);
            let y = p.productivity0[i] * p.capital0[i].powf(0.35) * v.population.powf(0.65);
            assert!((y / v.output - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn win_win_without_misperception_never_raises_a_barrier() {
        let p = prepared(QUIET, 10);
        let out = p.run(0, 0);
        assert_eq!(p.regimes[0].name, "win_win");
        assert!(out.cooperation.iter().all(|&c| c == 1.0), "{:?}", out.cooperation);
        assert!(out.barrier.iter().all(|&b| b == 0.0));
    }

    #[test]
    fn zero_sum_raises_barriers_when_they_pay() {
        // In the stand-in world a unilateral tariff always pays, so zero-sum play is all D from
        // the first year and everyone ends poorer than under win-win.
        let p = prepared(QUIET, 10);
        let zs = p.run(1, 0);
        let ww = p.run(0, 0);
        assert!(zs.cooperation.iter().all(|&c| c == 0.0));
        let n = p.n();
        let last = 20 * n;
        assert!((0..n).all(|i| ww.income[last + i] > zs.income[last + i]));
    }

    #[test]
    fn zero_sum_decision_is_the_stage_best_response() {
        let p = prepared(QUIET, 9);
        for link in &p.world.links {
            for side in 0..2 {
                for belief in [C, D] {
                    let best =
                        if link.payoff(side, D, belief) > link.payoff(side, C, belief) { D } else { C };
                    // The stand-in model makes D dominant; the rule must pick it.
                    assert_eq!(best, D);
                }
            }
        }
    }

    #[test]
    fn blocs_open_inside_and_close_between() {
        let text = format!(
            "{QUIET}[blocs]\nmode = \"given\"\n[blocs.members]\neast = [\"NAA\", \"NAB\", \"NAC\", \"NAD\"]\nwest = [\"NAF\", \"NAG\", \"NAH\", \"NAI\"]\n\
             [[regime]]\nname = \"b\"\ndoctrine = \"bloc\"\n"
        );
        let p = prepared(&text, 10);
        let out = p.run(0, 0);
        let rivals = p.world.links.iter().filter(|l| p.blocs.rivals(l.a, l.b)).count();
        assert!(rivals > 0);
        let expected = 1.0 - rivals as f64 / p.world.links.len() as f64;
        assert!(
            out.cooperation.iter().all(|&c| (c - expected).abs() < 1e-12),
            "{:?} vs {expected}",
            out.cooperation
        );
    }

    #[test]
    fn unknown_override_names_the_line() {
        let text = "[[regime]]\nname = \"x\"\ndoctrine = \"win_win\"\noverrides = { ZZZ = \"zero_sum\" }\n";
        let err = Prepared::new(scenario(text), small_world(4, 2)).unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.to_string().contains("ZZZ"), "{err}");
    }

    #[test]
    fn registry_strategy_doctrine_plays_the_pair_history() {
        let text = format!(
            "{QUIET}[[regime]]\nname = \"tft\"\ndoctrine = \"strategy:tit_for_tat\"\n[[regime]]\nname = \"alld\"\ndoctrine = \"strategy:defector\"\n"
        );
        let p = prepared(&text, 8);
        assert!(p.run(0, 0).cooperation.iter().all(|&c| c == 1.0));
        assert!(p.run(1, 0).cooperation.iter().all(|&c| c == 0.0));
    }

    #[test]
    fn crises_are_common_to_every_regime_of_a_replicate() {
        let text = "[run]\nyears = 30\n[shocks]\ncrisis_probability = 0.1\ncontagion = 0.0\n";
        let p = prepared(text, 12);
        let first = p.run(0, 3).crises;
        assert!(first.iter().sum::<u32>() > 0);
        for k in 1..p.regimes.len() {
            assert_eq!(p.run(k, 3).crises, first, "regime {k}");
        }
        assert_ne!(p.run(0, 4).crises, first, "replicates differ");
    }

    #[test]
    fn runs_replay_identically() {
        let p = prepared("[run]\nyears = 15\n", 10);
        for k in 0..p.regimes.len() {
            assert_eq!(p.run(k, 1), p.run(k, 1));
        }
    }

    #[test]
    fn learning_moves_doctrines_toward_the_better_off() {
        // Half win-win, half zero-sum; zero-sum nations that meet open partners gain, so the
        // population must change and stay within the two doctrines.
        let text = "[run]\nyears = 40\n[shocks]\ncrisis_probability = 0.0\n\
                    [[regime]]\nname = \"m\"\nmix = { win_win = 1, zero_sum = 1 }\nlearning = { every = 2, intensity = 5.0 }\n";
        let p = prepared(text, 16);
        let out = p.run(0, 0);
        let k = p.doctrines.len();
        let first = &out.doctrine_counts[..k];
        let last = &out.doctrine_counts[40 * k..];
        assert_ne!(first, last);
        assert_eq!(last.iter().sum::<u32>(), 16);
    }

    /// Interpolated period temperature of a solved outcome in simulated year `year`.
    fn outcome_temperature(o: &commonweal_climate::Outcome, year: usize) -> f64 {
        let pos = (2017.0 + year as f64 - 2015.0) / 5.0;
        let t = pos.floor() as usize;
        o.path.tatm[t] + (pos - t as f64) * (o.path.tatm[t + 1] - o.path.tatm[t])
    }

    /// Universal zero-sum play is the Nash equilibrium of the climate game of the same nations:
    /// temperatures, emissions and the committed 2100 warming are the game's.
    #[test]
    fn zero_sum_climate_is_the_climate_games_nash_outcome() {
        use commonweal_climate::Stance;
        let p = prepared(QUIET, 10);
        assert_eq!(p.regimes[1].name, "zero_sum");
        let climate = p.run(1, 0).climate.expect("climate is on by default");
        let arena = p.climate.as_ref().unwrap();
        let nash = arena.game.solve(&[Stance::NonCooperative; 10]).unwrap();
        assert_eq!(climate.solves, 1, "stances never change");
        for year in 0..=20 {
            let expected = outcome_temperature(&nash, year);
            assert!((climate.temperature[year] - expected).abs() < 1e-9, "year {year}");
        }
        let world_emissions: f64 = nash.emissions.iter().map(|e| e[2]).sum();
        assert!((climate.emissions[8] - world_emissions).abs() < 1e-9 * world_emissions);
        assert!((climate.committed_2100 - nash.tatm_in(2100).unwrap()).abs() < 1e-9);
        // Unconditional cooperation is the cooperative solution and warms less.
        let text = format!("{QUIET}[[regime]]\nname = \"u\"\ndoctrine = \"unconditional\"\n");
        let coop = prepared(&text, 10).run(0, 0).climate.unwrap();
        let expected = arena.game.solve(&[Stance::Cooperative; 10]).unwrap().tatm_in(2100).unwrap();
        assert!((coop.committed_2100 - expected).abs() < 1e-9);
        assert!(coop.committed_2100 < climate.committed_2100 - 0.1);
    }

    /// Hand check of the climate factor in the first year: output net of the warming since the
    /// base year (a₂T²) and of the abatement cost cost1·rᵢ·μᵢ^θ₂, against the same run without
    /// the climate arena.
    #[test]
    fn climate_factor_scales_each_nations_output() {
        use commonweal_climate::Stance;
        let with = prepared(QUIET, 9);
        let without = prepared(&format!("{QUIET}[climate]\nenabled = false\n"), 9);
        assert!(without.climate.is_none());
        let (a, b) = (with.run(1, 0), without.run(1, 0));
        assert!(b.climate.is_none());
        let arena = with.climate.as_ref().unwrap();
        let dice = arena.game.dice();
        let nash = arena.game.solve(&[Stance::NonCooperative; 9]).unwrap();
        let (t0, t1) = (outcome_temperature(&nash, 0), outcome_temperature(&nash, 1));
        let damage = dice.params.a2 * (t1 * t1 - t0 * t0);
        assert!(damage > 0.0);
        let n = 9;
        for i in 0..n {
            let nation = &arena.game.nations()[i];
            let r = nation.emissions_share / nation.output_share;
            let abatement = dice.exo.cost1[0] * r * nash.mu[i][0].powf(dice.params.expcost2);
            let expected = b.income[n + i] * (1.0 - damage - abatement);
            assert!((a.income[n + i] / expected - 1.0).abs() < 1e-12, "nation {i}");
        }
        // Costs compound: every nation ends poorer with the climate arena.
        assert!((0..n).all(|i| a.income[20 * n + i] < b.income[20 * n + i]));
        let c = a.climate.unwrap();
        assert!(c.nation_cost_pct.iter().all(|&x| x > 0.0));
        assert!((c.damages_pct[1] - 100.0 * damage).abs() < 1e-9);
    }

    /// A strategy doctrine plays the climate arena once a period: always-defect is the Nash
    /// solution, tit-for-tat among tit-for-tat players the cooperative one; learning between
    /// doctrines solves again with the elapsed periods kept.
    #[test]
    fn strategies_and_learning_set_climate_stances() {
        use commonweal_climate::Stance;
        let text = format!(
            "{QUIET}[[regime]]\nname = \"tft\"\ndoctrine = \"strategy:tit_for_tat\"\n\
             [[regime]]\nname = \"alld\"\ndoctrine = \"strategy:defector\"\n\
             [[regime]]\nname = \"learn\"\nmix = {{ unconditional = 1, zero_sum = 1 }}\nlearning = {{ every = 2, intensity = 5.0 }}\n"
        );
        let p = prepared(&text, 12);
        let game = &p.climate.as_ref().unwrap().game;
        let coop = game.solve(&[Stance::Cooperative; 12]).unwrap().tatm_in(2100).unwrap();
        let nash = game.solve(&[Stance::NonCooperative; 12]).unwrap().tatm_in(2100).unwrap();
        let tft = p.run(0, 0).climate.unwrap();
        assert!((tft.committed_2100 - coop).abs() < 1e-9);
        assert_eq!(tft.solves, 1);
        let alld = p.run(1, 0).climate.unwrap();
        assert!((alld.committed_2100 - nash).abs() < 1e-9);
        let learn = p.run(2, 0);
        let c = learn.climate.unwrap();
        assert!(c.solves > 1, "learning changed the stances");
        assert!(c.committed_2100 > coop - 1e-9 && c.committed_2100 < nash + 1e-9);
    }

    /// A club's members price carbon at the target at least (warming falls below universal
    /// zero-sum play) and its penalty tariff costs the outsiders real income.
    #[test]
    fn a_climate_club_lowers_warming_and_penalises_outsiders() {
        let text = format!(
            "{QUIET}[[regime]]\nname = \"zs\"\ndoctrine = \"zero_sum\"\n\
             [[regime]]\nname = \"club\"\ndoctrine = \"zero_sum\"\n\
             club = {{ members = [\"NAA\", \"NAB\", \"NAC\", \"NAD\", \"NAE\", \"NAF\"], target_price = 60.0, penalty_tariff = 0.05 }}\n"
        );
        let p = prepared(&text, 8);
        let club = p.regimes[1].club.as_ref().unwrap();
        assert!(club.penalty_effect[6] < 0.0 && club.penalty_effect[7] < 0.0);
        let (zs, cl) = (p.run(0, 0), p.run(1, 0));
        let (zc, cc) = (zs.climate.unwrap(), cl.climate.unwrap());
        assert!(
            cc.committed_2100 < zc.committed_2100 - 0.05,
            "{} vs {}",
            cc.committed_2100,
            zc.committed_2100
        );
        assert!(cc.abatement_pct[10] > zc.abatement_pct[10]);
        assert!(p.regimes[0].club.is_none());
    }

    /// Horizons past the end of the DICE periods (2510) hold the last period's values and never
    /// fail; strategy doctrines keep moving without new solves once no period is left.
    #[test]
    fn horizons_beyond_the_climate_model_run() {
        let text = "[run]\nyears = 520\n[shocks]\ncrisis_probability = 0.0\n\
                    [[regime]]\nname = \"r\"\ndoctrine = \"strategy:random\"\n";
        let p = prepared(text, 6);
        let out = p.run(0, 0);
        let c = out.climate.unwrap();
        assert_eq!(c.temperature.len(), 521);
        assert!(c.temperature.iter().chain(&c.damages_pct).all(|x| x.is_finite()));
        assert!(out.income.iter().all(|y| y.is_finite() && *y >= 0.0));
        assert!(c.solves > 1 && c.solves < 110, "{} solves", c.solves);
    }

    #[test]
    fn fermi_is_a_probability_rising_with_the_advantage() {
        assert_eq!(fermi(3.0, 0.0), 0.5);
        assert_eq!(fermi(0.0, 10.0), 0.5);
        assert!(fermi(1.0, 2.0) > fermi(1.0, 1.0));
        assert!(fermi(1.0, -2.0) < 0.5);
    }

    #[test]
    fn gini_of_equal_and_concentrated_incomes() {
        assert!(gini(&[10.0, 20.0, 5.0], &[1.0, 2.0, 0.5]).abs() < 1e-12);
        let g = gini(&[0.0, 0.0, 0.0, 100.0], &[1.0; 4]);
        assert!((g - 0.75).abs() < 1e-12, "{g}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// A validated scenario runs without failing: any in-range parameters give finite,
        /// positive incomes and shares that add up, for every regime.
        #[test]
        fn validated_scenarios_run(
            alpha in 0.05..0.95f64, saving in 0.0..=1.0f64, frontier in -0.1..=0.2f64, catch_up in 0.0..=10.0f64,
            tariff in 0.0..=5.0f64, k in 1i64..=6, misperception in 0.0..=0.5f64, generosity in 0.0..=1.0f64,
            crisis in 0.0..=1.0f64, loss in 0.0..=1.0f64, contagion in 0.0..=10.0f64, every in 1i64..=5,
        ) {
            let text = format!(
                "[run]\nyears = 12\n[economy]\nalpha = {alpha}\nsaving_rate = {saving}\nfrontier_growth = {frontier}\n\
                 catch_up = {catch_up}\n[trade]\nbarrier_tariff = {tariff}\npartners_per_nation = {k}\n\
                 [trust]\nmisperception = {misperception}\n[doctrine]\ngenerosity = {generosity}\n\
                 [shocks]\ncrisis_probability = {crisis}\ncrisis_output_loss = {loss}\ncontagion = {contagion}\n\
                 [[regime]]\nname = \"a\"\nmix = {{ win_win = 1, zero_sum = 1, bloc = 1, partnership = 1, unconditional = 1, \"strategy:tit_for_tat\" = 1 }}\n\
                 learning = {{ every = {every}, intensity = 2.0 }}\n"
            );
            let s = Scenario::parse(&text, "prop.toml").unwrap();
            let p = Prepared::new(s, small_world(9, k as usize)).unwrap();
            let out = p.run(0, 0);
            prop_assert!(out.income.iter().all(|y| y.is_finite() && *y >= 0.0));
            let width = p.doctrines.len();
            prop_assert!(out.doctrine_counts.chunks(width).all(|c| c.iter().sum::<u32>() == 9));
        }
    }

    proptest! {
        /// `win_win` never starts a barrier: before any perceived barrier it opens, whatever its
        /// trust or generosity.
        #[test]
        fn win_win_never_starts_a_barrier(trust in 0.0..=1.0f64, generosity in 0.0..=1.0f64, seed in any::<u64>()) {
            let mut rng = stream(seed, &[]);
            prop_assert_eq!(reciprocate(None, trust, generosity, &mut rng), C);
            prop_assert_eq!(reciprocate(Some(C), trust, generosity, &mut rng), C);
        }

        /// After a perceived barrier `win_win` forgives at its stated rate
        /// `generosity · (1 + trust) / 2` (checked within 5 standard errors over 20 000 draws).
        #[test]
        fn win_win_forgives_at_its_stated_rate(trust in 0.0..=1.0f64, generosity in 0.0..=1.0f64, seed in any::<u64>()) {
            let mut rng = stream(seed, &[1]);
            let draws = 20_000;
            let forgiven = (0..draws).filter(|_| reciprocate(Some(D), trust, generosity, &mut rng) == C).count();
            let p = forgiveness(generosity, trust);
            let se = (p * (1.0 - p) / draws as f64).sqrt();
            let rate = forgiven as f64 / draws as f64;
            prop_assert!((rate - p).abs() <= 5.0 * se + 1e-12, "rate {} vs {}", rate, p);
        }
    }
}
