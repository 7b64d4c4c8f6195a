//! Climate clubs (Nordhaus 2015, "Climate Clubs: Overcoming Free-riding in International Climate
//! Policy", AER 105(4)): the members of a club commit to a target carbon price and levy a uniform
//! penalty tariff on the goods of every non-member; a club is stable when no member gains by
//! leaving (internal stability) and no outsider gains by joining (external stability).
//!
//! # The gain of a nation
//! A configuration is a membership `S`, a target price `P` and a penalty tariff `T`
//! ([`ClubTerms`]). Each nation's gain is measured against the no-club world, in which every
//! nation prices carbon non-cooperatively (its damage share times the global social cost of
//! carbon, the Nash price of the climate game) and trade is free. It is the sum of
//! - a **climate** part: the present value of the nation's climate damages plus abatement cost in
//!   the Nash world minus the same in the club world, where members play
//!   [`Stance::Club`] (price at `max(P, own Nash price)` from 2020 on) and outsiders
//!   [`Stance::NonCooperative`]; every nation's price responds to the social cost of carbon of
//!   the joint path, so a move by one nation is felt by all of them;
//! - a **trade** part: the nation's real-income change from the penalty tariff, solved in full
//!   general equilibrium by the arena's model ([`super::penalty_tariff_effects`]: members tax every
//!   non-member's goods at `T`, non-members do not retaliate), applied in every period from 2020
//!   on to the nation's output;
//!
//! both divided by the present value of the nation's output, so gains are shares of output.
//!
//! # Choices, documented
//! - **Discounting**: DICE's consumption discount factor along the Nash path,
//!   `w_t = rr_t · (c_t / c_0)^(−η)` with `rr_t` the utility discount factor (pure rate of time
//!   preference 1.5 %/yr), `c` consumption per head and η = 1.45: a dollar in period `t` is worth
//!   what it adds to DICE's welfare. The same weights serve every configuration, so gains are
//!   comparable between configurations.
//! - **Horizon**: the model's 100 five-year periods (2015–2510), as in DICE's own welfare; with
//!   these weights the periods after 2300 hold about 0.5 % of the present value of world output
//!   and about 3 % of that of the no-club world's damages.
//!   The club starts in 2020 (the first period's abatement is fixed by the model) and lasts.
//! - **Output** of a nation is its share of world output times the Nash path's gross output.
//! - Damages and abatement costs count as they fall; their knock-on effect on capital, and so on
//!   later output, is left out (Nordhaus's C-DICE is static and has none).
//! - A nation **moves** (joins or leaves) only if it gains more than [`MOVE_TOLERANCE`] of its
//!   output, so rounding noise never drives the search.
//!
//! # Search for stable coalitions
//! [`ClubModel::search`] runs best-response dynamics of single moves from a starting coalition:
//! nations are scanned in a cyclic order starting after the last mover, the first nation that
//! gains by switching (joining if out, leaving if in) switches, and the search ends when a full
//! scan finds no such nation (the coalition is internally and externally stable), when a state
//! (coalition and scan position) repeats (a cycle) or after a move limit. Starting coalitions
//! ([`Start`]) are the grand coalition, the empty one and seeded random ones (each nation a member
//! with probability ½, from `rng::stream(seed, ["club start", index])`, the same draws for every
//! configuration). [`analyse`] runs every start for every configuration in parallel; each search
//! is sequential and deterministic, so results do not depend on the thread count.
//!
//! # Where this differs from Nordhaus (2015)
//! - Nordhaus's C-DICE is a static model of 15 regions in which the target price is also the
//!   global social cost of carbon and damages are linear, so a region's Nash price is its share
//!   of the target price. Here the nations are the world's 196, the climate is the dynamic
//!   DICE-2016R2 model, the social cost of carbon is the model's own (about $37/tCO₂ in 2020 and
//!   rising), and the target price is a constant floor from 2020 on; a member whose own Nash
//!   price exceeds the target keeps the higher price.
//! - Nordhaus's trade effects come from a reduced-form trade model (an importer gains terms of
//!   trade linearly in the tariff and loses efficiency quadratically); here they are the full
//!   general equilibrium of the world trade model, with the real-income effect of the first
//!   period kept constant over the horizon.
//! - Nordhaus searches with an evolutionary algorithm from random coalitions (a random set of
//!   regions switches and is kept if every switcher gains); here single moves from deterministic
//!   and seeded starts, which end only at coalitions that pass the single-move stability test.
//! - His grid runs tariffs from 0 to 10 % at target prices $12.5, $25, $50 and $100; the
//!   default grid here ([`default_grid`]) takes the tariffs 0, 2, 5 and 10 %, and any grid can be
//!   given.
//!
//! The climate game of each configuration is solved by [`ClimateGame::equilibrium_from`] (the
//! same fixed point as [`ClimateGame::solve`] on period aggregates), warm-started from the
//! neighbouring configuration's social cost of carbon, because a search evaluates thousands of
//! configurations that differ by one nation. A test checks it against [`ClimateGame::solve`].

use crate::arena::ArenaWorld;
use commonweal_climate::{ClimateGame, Dice, Nation, Outcome, Stance};
use commonweal_games::rng::{label, stream};
use rand::Rng;
use rayon::prelude::*;
use std::collections::HashMap;

/// The smallest gain (share of the nation's present-value output) that makes a nation move.
pub const MOVE_TOLERANCE: f64 = 1e-8;

/// Target prices of Nordhaus (2015), $/tCO₂.
pub const NORDHAUS_PRICES: [f64; 4] = [12.5, 25.0, 50.0, 100.0];

/// Penalty tariffs of the default grid (four of Nordhaus's 0–10 %).
pub const DEFAULT_TARIFFS: [f64; 4] = [0.0, 0.02, 0.05, 0.10];

/// Errors of the club model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClubError {
    /// A parameter is out of range.
    #[error("{field} is {value}; expected {valid}")]
    Invalid {
        /// The parameter.
        field: &'static str,
        /// What was given.
        value: f64,
        /// What would be valid.
        valid: &'static str,
    },
    /// The climate game failed.
    #[error("climate game: {0}")]
    Climate(#[from] commonweal_climate::Error),
    /// The trade equilibrium failed.
    #[error("trade equilibrium: {0}")]
    Trade(String),
    /// A membership list has the wrong length.
    #[error("club membership lists {got} nations; the world has {expected}")]
    Membership {
        /// Length given.
        got: usize,
        /// Number of nations.
        expected: usize,
    },
}

/// The terms of a club: the members' target carbon price and their penalty tariff.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClubTerms {
    /// Target carbon price, $/tCO₂ (2010 US$), from 2020 on.
    pub target_price: f64,
    /// Ad-valorem tariff every member levies on every non-member's goods.
    pub penalty_tariff: f64,
}

impl ClubTerms {
    /// Terms with their ranges checked: a finite price ≥ 0 and a tariff in [0, 5].
    pub fn new(target_price: f64, penalty_tariff: f64) -> Result<ClubTerms, ClubError> {
        if !(target_price.is_finite() && target_price >= 0.0) {
            return Err(ClubError::Invalid {
                field: "target price",
                value: target_price,
                valid: "a finite carbon price ≥ 0 ($/tCO₂)",
            });
        }
        if !(penalty_tariff.is_finite() && (0.0..=5.0).contains(&penalty_tariff)) {
            return Err(ClubError::Invalid {
                field: "penalty tariff",
                value: penalty_tariff,
                valid: "a rate in [0, 5] (0.05 is 5 %)",
            });
        }
        Ok(ClubTerms { target_price, penalty_tariff })
    }
}

/// Every combination of the given prices and tariffs, prices outermost.
pub fn grid(prices: &[f64], tariffs: &[f64]) -> Result<Vec<ClubTerms>, ClubError> {
    prices.iter().flat_map(|&p| tariffs.iter().map(move |&t| ClubTerms::new(p, t))).collect()
}

/// Nordhaus's four target prices × the default tariffs.
pub fn default_grid() -> Vec<ClubTerms> {
    grid(&NORDHAUS_PRICES, &DEFAULT_TARIFFS).expect("the default grid is valid")
}

/// One configuration evaluated: every nation's gain against the no-club world.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Membership, one flag per nation.
    pub members: Vec<bool>,
    /// Total gain of each nation (climate + trade), share of its present-value output.
    pub gain: Vec<f64>,
    /// Climate part of the gain.
    pub climate_gain: Vec<f64>,
    /// Trade part of the gain.
    pub trade_gain: Vec<f64>,
    /// Atmospheric temperature in 2100, °C above 1900.
    pub tatm_2100: f64,
    /// The social cost of carbon of the joint path (the warm start of neighbouring
    /// configurations).
    scc: Vec<f64>,
}

/// What the gains need from one solved climate game.
struct ClimateRun {
    /// Present value of each nation's damages plus abatement cost.
    cost: Vec<f64>,
    /// The social cost of carbon per period.
    scc: Vec<f64>,
    /// Atmospheric temperature in 2100.
    tatm_2100: f64,
}

impl Evaluation {
    /// Number of members.
    pub fn n_members(&self) -> usize {
        self.members.iter().filter(|&&m| m).count()
    }
}

/// The club model of a world: its climate game, the no-club reference and the discount weights.
pub struct ClubModel<'w> {
    world: &'w ArenaWorld,
    game: ClimateGame,
    nash: Outcome,
    /// Discount weight of each period (consumption discount factor × years per period).
    weight: Vec<f64>,
    /// Present value of each nation's output.
    pv_output: Vec<f64>,
    /// Share of the present value of output that falls from 2020 on (trade effects apply there).
    club_years_share: f64,
    /// Present value of each nation's damages plus abatement cost in the no-club world.
    nash_cost: Vec<f64>,
}

impl<'w> ClubModel<'w> {
    /// The model of a world: its climate nations on the standard DICE-2016R2 model, and the
    /// no-club (Nash) reference solved once.
    pub fn new(world: &'w ArenaWorld) -> Result<ClubModel<'w>, ClubError> {
        let nations = super::climate_nations(world)?;
        let game = ClimateGame::new(Dice::standard(), nations)?;
        let nash = game.outcome_of(&game.equilibrium(&vec![Stance::NonCooperative; world.n()], &[])?);
        let params = &game.dice().params;
        let exo = &game.dice().exo;
        let c0 = nash.path.cpc[0];
        let weight: Vec<f64> = (0..game.dice().n_periods())
            .map(|t| params.tstep * exo.rr[t] * (nash.path.cpc[t] / c0).powf(-params.elasmu))
            .collect();
        let world_pv: f64 = weight.iter().zip(&nash.path.ygross).map(|(w, y)| w * y).sum();
        let club_pv: f64 = weight.iter().zip(&nash.path.ygross).skip(1).map(|(w, y)| w * y).sum();
        let pv_output: Vec<f64> = game.nations().iter().map(|n| n.output_share * world_pv).collect();
        let mut model = ClubModel {
            world,
            game,
            weight,
            pv_output,
            club_years_share: club_pv / world_pv,
            nash_cost: Vec::new(),
            nash: nash.clone(),
        };
        model.nash_cost = model.climate_cost(&nash);
        Ok(model)
    }

    /// The world the model was built on.
    pub fn world(&self) -> &ArenaWorld {
        self.world
    }

    /// The nations of the climate game (shares of output, emissions and damages).
    pub fn nations(&self) -> &[Nation] {
        self.game.nations()
    }

    /// The members' shares of world output and of world emissions (base year).
    pub fn shares(&self, members: &[bool]) -> (f64, f64) {
        let nations = self.game.nations().iter().zip(members).filter(|(_, m)| **m);
        nations.fold((0.0, 0.0), |(y, e), (n, _)| (y + n.output_share, e + n.emissions_share))
    }

    /// The no-club (Nash) outcome every gain is measured against.
    pub fn nash(&self) -> &Outcome {
        &self.nash
    }

    /// The climate game without a club price (members are added by [`ClubModel::club_game`]).
    pub fn game(&self) -> &ClimateGame {
        &self.game
    }

    /// The climate game with the terms' target price for [`Stance::Club`] members.
    pub fn club_game(&self, terms: &ClubTerms) -> Result<ClimateGame, ClubError> {
        let price = self.game.constant_club_price(terms.target_price);
        Ok(self.game.clone().with_club_price(price)?)
    }

    /// Present value of each nation's damages plus abatement cost along an outcome.
    fn climate_cost(&self, out: &Outcome) -> Vec<f64> {
        out.damages
            .iter()
            .zip(&out.abatement_cost)
            .map(|(d, a)| self.weight.iter().zip(d.iter().zip(a)).map(|(w, (d, a))| w * (d + a)).sum())
            .collect()
    }

    /// Evaluates a membership under the terms: every nation's gain against the no-club world.
    pub fn evaluate(&self, terms: &ClubTerms, members: &[bool]) -> Result<Evaluation, ClubError> {
        self.evaluate_from(terms, members, None)
    }

    /// Evaluates a membership, starting the climate fixed point from a neighbouring
    /// configuration's abatement (any evaluation under the same terms).
    pub fn evaluate_from(
        &self,
        terms: &ClubTerms,
        members: &[bool],
        warm: Option<&Evaluation>,
    ) -> Result<Evaluation, ClubError> {
        let n = self.world.n();
        if members.len() != n {
            return Err(ClubError::Membership { got: members.len(), expected: n });
        }
        let run = self.solve_climate(terms, members, warm.map(|w| w.scc.as_slice()))?;
        let trade = super::penalty_tariff_effects(self.world, members, terms.penalty_tariff)
            .map_err(ClubError::Trade)?;
        let climate_gain: Vec<f64> =
            (0..n).map(|i| (self.nash_cost[i] - run.cost[i]) / self.pv_output[i]).collect();
        let trade_gain: Vec<f64> = trade.iter().map(|r| r * self.club_years_share).collect();
        let gain = climate_gain.iter().zip(&trade_gain).map(|(c, t)| c + t).collect();
        Ok(Evaluation {
            members: members.to_vec(),
            gain,
            climate_gain,
            trade_gain,
            tatm_2100: run.tatm_2100,
            scc: run.scc,
        })
    }

    /// The climate outcome with members at the club price floor ([`Stance::Club`]) and outsiders
    /// at their Nash price, by [`ClimateGame::equilibrium_from`] warm-started from a neighbouring
    /// configuration's social cost of carbon, reduced to what the gains need: each nation's
    /// present value of damages plus abatement cost.
    fn solve_climate(
        &self,
        terms: &ClubTerms,
        members: &[bool],
        warm: Option<&[f64]>,
    ) -> Result<ClimateRun, ClubError> {
        let game = self.club_game(terms)?;
        let stances: Vec<Stance> =
            members.iter().map(|&m| if m { Stance::Club } else { Stance::NonCooperative }).collect();
        let eq = game.equilibrium_from(&stances, &[], warm)?;
        let dice = game.dice();
        let nations = game.nations();
        let path = &eq.path;
        let mut cost = vec![0.0; nations.len()];
        let mut controls = Vec::with_capacity(nations.len());
        for t in 0..dice.n_periods() {
            eq.period_controls(&game, t, &mut controls);
            let (w, damages, abatement_scale) =
                (self.weight[t], path.damages[t], path.ygross[t] * dice.exo.cost1[t]);
            for ((c, nation), (_, q)) in cost.iter_mut().zip(nations).zip(&controls) {
                *c += w * (nation.damage_share * damages + abatement_scale * nation.emissions_share * q);
            }
        }
        let tatm_2100 = dice.exo.year.iter().position(|&y| y == 2100).map_or(f64::NAN, |t| path.tatm[t]);
        Ok(ClimateRun { cost, scc: eq.scc, tatm_2100 })
    }

    /// Each nation's incentive to switch (join if out, leave if in): its gain after switching
    /// alone minus its gain now. Computed in parallel; each entry depends only on its nation.
    pub fn incentives(&self, terms: &ClubTerms, now: &Evaluation) -> Result<Vec<f64>, ClubError> {
        (0..self.world.n())
            .into_par_iter()
            .map(|i| {
                let mut moved = now.members.clone();
                moved[i] = !moved[i];
                Ok(self.evaluate_from(terms, &moved, Some(now))?.gain[i] - now.gain[i])
            })
            .collect()
    }

    /// Checks internal and external stability of a coalition by solving every single move.
    pub fn stability(&self, terms: &ClubTerms, members: &[bool]) -> Result<Stability, ClubError> {
        let now = self.evaluate(terms, members)?;
        let incentive = self.incentives(terms, &now)?;
        Ok(Stability::from_incentives(&now.members, incentive))
    }

    /// Best-response dynamics of single moves from `start` (see the module documentation).
    pub fn search(&self, terms: &ClubTerms, start: &[bool], max_moves: usize) -> Result<Search, ClubError> {
        let n = self.world.n();
        let mut now = self.evaluate(terms, start)?;
        let mut evaluations = 1;
        let mut moves = 0;
        let mut position = 0;
        // Each state (coalition, scan position) seen, with the number of moves made before it.
        let mut seen: HashMap<(Vec<bool>, usize), usize> = HashMap::new();
        let mut movers: Vec<usize> = Vec::new();
        let mut incentive = vec![0.0; n];
        loop {
            if let Some(&before) = seen.get(&(now.members.clone(), position)) {
                let mut cycling: Vec<usize> = movers[before..].to_vec();
                cycling.sort_unstable();
                cycling.dedup();
                return Ok(Search { end: SearchEnd::Cycle(cycling), last: now, moves, evaluations });
            }
            seen.insert((now.members.clone(), position), moves);
            let mut mover = None;
            for step in 0..n {
                let i = (position + step) % n;
                let mut moved = now.members.clone();
                moved[i] = !moved[i];
                let next = self.evaluate_from(terms, &moved, Some(&now))?;
                evaluations += 1;
                incentive[i] = next.gain[i] - now.gain[i];
                if incentive[i] > MOVE_TOLERANCE {
                    mover = Some((i, next));
                    break;
                }
            }
            match mover {
                None => {
                    let stability = Stability::from_incentives(&now.members, incentive);
                    return Ok(Search { end: SearchEnd::Stable(stability), last: now, moves, evaluations });
                }
                Some((i, next)) => {
                    now = next;
                    moves += 1;
                    movers.push(i);
                    position = (i + 1) % n;
                    if moves >= max_moves {
                        return Ok(Search { end: SearchEnd::MoveLimit, last: now, moves, evaluations });
                    }
                }
            }
        }
    }
}

/// Stability of a coalition under single moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Stability {
    /// Each nation's incentive to switch (gain after switching minus gain now).
    pub incentive: Vec<f64>,
    /// No member gains more than [`MOVE_TOLERANCE`] by leaving.
    pub internal: bool,
    /// No outsider gains more than [`MOVE_TOLERANCE`] by joining.
    pub external: bool,
}

impl Stability {
    fn from_incentives(members: &[bool], incentive: Vec<f64>) -> Stability {
        let blocked =
            |want: bool| members.iter().zip(&incentive).all(|(&m, &g)| m != want || g <= MOVE_TOLERANCE);
        Stability { internal: blocked(true), external: blocked(false), incentive }
    }

    /// Internally and externally stable.
    pub fn stable(&self) -> bool {
        self.internal && self.external
    }
}

/// How a search ended.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchEnd {
    /// At a stable coalition (its incentives from the last full scan).
    Stable(Stability),
    /// A coalition and scan position repeated: the dynamics cycle; the nations that switch
    /// within the cycle, in index order.
    Cycle(Vec<usize>),
    /// The move limit was reached.
    MoveLimit,
}

/// The result of one search.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    /// How it ended.
    pub end: SearchEnd,
    /// The last configuration (the stable coalition when it ended stable).
    pub last: Evaluation,
    /// Moves made.
    pub moves: usize,
    /// Configurations evaluated.
    pub evaluations: usize,
}

/// A starting coalition of the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Every nation a member.
    Grand,
    /// No member.
    Empty,
    /// Each nation a member with probability ½, from the seeded stream of this index.
    Random(u64),
}

impl Start {
    /// The membership of this start for `n` nations under the root seed.
    pub fn members(self, n: usize, seed: u64) -> Vec<bool> {
        match self {
            Start::Grand => vec![true; n],
            Start::Empty => vec![false; n],
            Start::Random(index) => {
                let mut rng = stream(seed, &[label("club start"), index]);
                (0..n).map(|_| rng.random_bool(0.5)).collect()
            }
        }
    }

    /// The grand and empty coalitions, then `random` seeded random ones.
    pub fn standard(random: usize) -> Vec<Start> {
        let mut starts = vec![Start::Grand, Start::Empty];
        starts.extend((0..random as u64).map(Start::Random));
        starts
    }

    /// A short name: "grand", "empty", "random 1", …
    pub fn name(self) -> String {
        match self {
            Start::Grand => "grand".into(),
            Start::Empty => "empty".into(),
            Start::Random(i) => format!("random {}", i + 1),
        }
    }
}

/// One distinct stable coalition found for a configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct StableClub {
    /// The coalition evaluated (members and every nation's gain).
    pub evaluation: Evaluation,
    /// Its stability (every nation's incentive to switch).
    pub stability: Stability,
    /// The starts whose search ended here.
    pub starts: Vec<Start>,
}

/// Everything found for one configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct TermsResult {
    /// The configuration.
    pub terms: ClubTerms,
    /// Distinct stable coalitions, in the order of the first start that reached each.
    pub stable: Vec<StableClub>,
    /// Searches that cycled: the start, the coalition where the cycle was detected and the
    /// nations that switch within the cycle.
    pub cycles: Vec<(Start, Evaluation, Vec<usize>)>,
    /// Starts whose search reached the move limit.
    pub unfinished: Vec<Start>,
    /// Configurations evaluated over all starts.
    pub evaluations: usize,
}

/// Runs every start for every configuration (in parallel over the pairs; results do not depend
/// on the thread count) and gathers the distinct stable coalitions of each configuration.
/// `progress` is called once per finished search.
pub fn analyse(
    model: &ClubModel<'_>,
    grid: &[ClubTerms],
    starts: &[Start],
    seed: u64,
    max_moves: usize,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<TermsResult>, ClubError> {
    let n = model.world().n();
    let jobs: Vec<(usize, Start)> =
        (0..grid.len()).flat_map(|g| starts.iter().map(move |&s| (g, s))).collect();
    let searches: Vec<Search> = jobs
        .par_iter()
        .map(|&(g, start)| {
            let found = model.search(&grid[g], &start.members(n, seed), max_moves);
            progress();
            found
        })
        .collect::<Result<_, _>>()?;
    let mut results: Vec<TermsResult> = grid
        .iter()
        .map(|&terms| TermsResult {
            terms,
            stable: Vec::new(),
            cycles: Vec::new(),
            unfinished: Vec::new(),
            evaluations: 0,
        })
        .collect();
    for (&(g, start), search) in jobs.iter().zip(searches) {
        let r = &mut results[g];
        r.evaluations += search.evaluations;
        match search.end {
            SearchEnd::Stable(stability) => {
                match r.stable.iter_mut().find(|c| c.evaluation.members == search.last.members) {
                    Some(club) => club.starts.push(start),
                    None => {
                        r.stable.push(StableClub { evaluation: search.last, stability, starts: vec![start] })
                    }
                }
            }
            SearchEnd::Cycle(cycling) => r.cycles.push((start, search.last, cycling)),
            SearchEnd::MoveLimit => r.unfinished.push(start),
        }
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arena::testing::small_world;

    fn terms(price: f64, tariff: f64) -> ClubTerms {
        ClubTerms::new(price, tariff).unwrap()
    }

    /// Every coalition of `n` nations as flags, in binary order.
    fn all_coalitions(n: usize) -> Vec<Vec<bool>> {
        (0..1u32 << n).map(|code| (0..n).map(|i| code >> i & 1 == 1).collect()).collect()
    }

    /// Stability by brute force from a table of every coalition's gains: nation i's incentive
    /// in S is its gain in S with i switched minus its gain in S.
    fn brute_force(model: &ClubModel<'_>, t: &ClubTerms) -> Vec<(Vec<bool>, Vec<f64>, bool, bool)> {
        let n = model.world().n();
        let table: Vec<Evaluation> =
            all_coalitions(n).iter().map(|s| model.evaluate(t, s).unwrap()).collect();
        let index = |s: &[bool]| s.iter().enumerate().map(|(i, &m)| (m as usize) << i).sum::<usize>();
        table
            .iter()
            .map(|e| {
                let incentive: Vec<f64> = (0..n)
                    .map(|i| {
                        let mut moved = e.members.clone();
                        moved[i] = !moved[i];
                        table[index(&moved)].gain[i] - e.gain[i]
                    })
                    .collect();
                let internal = (0..n).all(|i| !e.members[i] || incentive[i] <= MOVE_TOLERANCE);
                let external = (0..n).all(|i| e.members[i] || incentive[i] <= MOVE_TOLERANCE);
                (e.members.clone(), incentive, internal, external)
            })
            .collect()
    }

    #[test]
    fn no_club_and_a_club_without_teeth_change_nothing() {
        let w = small_world(6, 2);
        let model = ClubModel::new(&w).unwrap();
        for (t, members) in [(terms(0.0, 0.0), vec![true; 6]), (terms(80.0, 0.3), vec![false; 6])] {
            let e = model.evaluate(&t, &members).unwrap();
            assert!(e.gain.iter().all(|g| g.abs() < 1e-9), "{:?}", e.gain);
            assert!((e.tatm_2100 - model.nash().tatm_in(2100).unwrap()).abs() < 1e-9);
        }
    }

    /// The warm-started fixed point of this module is the climate crate's club solution.
    #[test]
    fn the_fast_climate_solve_equals_the_climate_game() {
        let w = small_world(6, 2);
        let model = ClubModel::new(&w).unwrap();
        let t = terms(50.0, 0.0);
        let members = [true, false, true, true, false, false];
        let stances: Vec<Stance> =
            members.iter().map(|&m| if m { Stance::Club } else { Stance::NonCooperative }).collect();
        let reference = model.club_game(&t).unwrap().solve(&stances).unwrap();
        let cost = model.climate_cost(&reference);
        let cold = model.evaluate(&t, &members).unwrap();
        let neighbour = model.evaluate(&t, &[true, true, true, true, false, false]).unwrap();
        let warm = model.evaluate_from(&t, &members, Some(&neighbour)).unwrap();
        for (i, cost) in cost.iter().enumerate() {
            let expected = (model.nash_cost[i] - cost) / model.pv_output[i];
            for e in [&cold, &warm] {
                assert!(
                    (e.climate_gain[i] - expected).abs() < 1e-10,
                    "nation {i}: {} vs {expected}",
                    e.climate_gain[i]
                );
                assert!((e.scc[5] - reference.scc[5]).abs() < 1e-8 * reference.scc[5]);
            }
        }
        assert!((cold.tatm_2100 - reference.tatm_in(2100).unwrap()).abs() < 1e-10);
        // Members price carbon at the floor, the others below it: members pay, everyone gains
        // from the cooler climate.
        assert!(reference.carbon_price[0][2] >= 50.0 - 1e-9 && reference.carbon_price[1][2] < 50.0);
    }

    /// Internal and external stability as defined, checked against every coalition of a
    /// six-nation world; the search ends only at coalitions the brute force calls stable.
    #[test]
    fn stability_matches_brute_force_on_every_coalition() {
        let w = small_world(6, 2);
        let model = ClubModel::new(&w).unwrap();
        for t in [terms(25.0, 0.0), terms(25.0, 0.05)] {
            let truth = brute_force(&model, &t);
            for (members, incentive, internal, external) in &truth {
                let s = model.stability(&t, members).unwrap();
                assert_eq!((s.internal, s.external), (*internal, *external), "{members:?} under {t:?}");
                for (a, b) in s.incentive.iter().zip(incentive) {
                    assert!((a - b).abs() < 1e-10);
                }
            }
            for start in Start::standard(3) {
                let found = model.search(&t, &start.members(6, 11), 200).unwrap();
                let SearchEnd::Stable(s) = &found.end else {
                    panic!("{start:?} under {t:?}: {:?}", found.end)
                };
                let row = truth.iter().find(|r| r.0 == found.last.members).unwrap();
                assert!(row.2 && row.3 && s.stable(), "{start:?} under {t:?} ended at {:?}", row.0);
            }
        }
    }

    /// Without a penalty, joining only costs: a member prices carbon above its own optimum and
    /// gains only its own share of the damages avoided, so the empty coalition is the only stable
    /// one. A penalty that costs outsiders more than the target price costs members makes the
    /// grand coalition stable.
    #[test]
    fn penalties_turn_free_riding_into_membership() {
        let w = small_world(6, 2);
        let model = ClubModel::new(&w).unwrap();
        let stable = |t: ClubTerms| -> Vec<Vec<bool>> {
            brute_force(&model, &t).into_iter().filter(|r| r.2 && r.3).map(|r| r.0).collect()
        };
        assert_eq!(stable(terms(25.0, 0.0)), vec![vec![false; 6]]);
        let with_penalty = stable(terms(25.0, 0.05));
        assert!(with_penalty.contains(&vec![true; 6]), "{with_penalty:?}");
        let grand = model.evaluate(&terms(25.0, 0.05), &[true; 6]).unwrap();
        assert!(grand.gain.iter().all(|&g| g > 0.0), "{:?}", grand.gain);
        assert!(grand.tatm_2100 < model.nash().tatm_in(2100).unwrap());
    }

    /// Results of the analysis are identical for one and for two worker threads.
    #[test]
    fn analysis_is_independent_of_the_thread_count() {
        let w = small_world(7, 2);
        let model = ClubModel::new(&w).unwrap();
        let grid = grid(&[25.0, 100.0], &[0.0, 0.05]).unwrap();
        let starts = Start::standard(2);
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| analyse(&model, &grid, &starts, 5, 500, &|| ()).unwrap())
        };
        let (one, two) = (run(1), run(2));
        assert_eq!(one, two);
        assert_eq!(one.len(), 4);
        assert!(one.iter().all(|r| !r.stable.is_empty() || !r.cycles.is_empty()));
    }

    #[test]
    fn bad_terms_and_memberships_are_refused_with_the_field_named() {
        assert!(ClubTerms::new(-1.0, 0.0).unwrap_err().to_string().starts_with("target price is -1"));
        assert!(ClubTerms::new(25.0, 5.5).unwrap_err().to_string().contains("[0, 5]"));
        assert!(ClubTerms::new(f64::NAN, 0.0).is_err());
        let w = small_world(5, 2);
        let model = ClubModel::new(&w).unwrap();
        let err = model.evaluate(&terms(25.0, 0.0), &[true; 4]).unwrap_err();
        assert!(err.to_string().contains("4 nations; the world has 5"), "{err}");
        // Random starts are seeded: the same seed gives the same coalition, another seed another.
        let a = Start::Random(0).members(40, 1);
        assert_eq!(a, Start::Random(0).members(40, 1));
        assert_ne!(a, Start::Random(0).members(40, 2));
        assert_ne!(a, Start::Random(1).members(40, 1));
    }

    /// The qualitative result of Nordhaus (2015) on the 196-nation world: without a penalty the
    /// grand coalition unravels to a small club; a $25 target with a 2 % penalty keeps every
    /// nation in; a $100 target with the same penalty drives the largest emitters out.
    #[test]
    fn nordhaus_result_on_the_default_world() {
        let arena = crate::default_world::default_arena(&crate::scenario::Scenario::default_scenario().trade)
            .unwrap();
        let n = arena.n();
        let model = ClubModel::new(&arena).unwrap();
        let found = model.search(&terms(25.0, 0.0), &vec![true; n], 20 * n).unwrap();
        let SearchEnd::Stable(_) = found.end else { panic!("{:?}", found.end) };
        assert!(found.last.n_members() <= 5, "{} members stay without a penalty", found.last.n_members());

        let modest = model.stability(&terms(25.0, 0.02), &vec![true; n]).unwrap();
        assert!(modest.stable(), "grand coalition at $25 and 2 %: {:?}", modest.incentive);

        let high = model.stability(&terms(100.0, 0.02), &vec![true; n]).unwrap();
        assert!(!high.internal);
        for iso in ["USA", "CHN", "IND", "RUS"] {
            let i = arena.find(iso).unwrap();
            assert!(high.incentive[i] > 0.0, "{iso} would stay in at $100: {}", high.incentive[i]);
        }
    }
}
