//! Helpers for strategy tests: scripted opponents and expected-play tables.

use crate::action::{Action, actions_from_str, actions_to_string};
use crate::history::History;
use crate::rng::{StreamRng, stream};
use crate::strategy::{MatchInfo, Strategy};

/// Plays `player` against a scripted opponent whose moves are `opponent` (a `C`/`D` string) and
/// asserts that the player's moves are `expected`, with a 200-turn match announced, the default
/// game and the stream of seed 0. The player is reset first.
pub fn versus_test(player: &mut dyn Strategy, opponent: &str, expected: &str) {
    versus_test_with(player, opponent, expected, &MatchInfo::default(), 0);
}

/// [`versus_test`] with explicit match information and seed.
pub fn versus_test_with(
    player: &mut dyn Strategy,
    opponent: &str,
    expected: &str,
    info: &MatchInfo,
    seed: u64,
) {
    let got = play_against_script(player, opponent, info, seed);
    assert_eq!(actions_to_string(&got), expected, "{} against scripted opponent {opponent}", player.name());
}

/// The moves `player` makes against the scripted opponent moves (a `C`/`D` string).
pub fn play_against_script(
    player: &mut dyn Strategy,
    opponent: &str,
    info: &MatchInfo,
    seed: u64,
) -> Vec<Action> {
    let script = actions_from_str(opponent).expect("scripted moves are C or D");
    let mut rng: StreamRng = stream(seed, &[0]);
    player.reset();
    let mut history = History::default();
    let mut out = Vec::with_capacity(script.len());
    for &opp in &script {
        let own = player.play(&history, info, &mut rng);
        history.push(own, opp);
        out.push(own);
    }
    out
}

/// Wraps a strategy and hides its memory-one rule, so that its matches run the general loop
/// rather than a memory-one kernel: the way to compare the fast path with the simple one.
#[derive(Clone)]
pub struct GeneralLoop(pub Box<dyn Strategy>);

impl Strategy for GeneralLoop {
    fn name(&self) -> String {
        self.0.name()
    }
    fn classifier(&self) -> crate::strategy::Classifier {
        self.0.classifier()
    }
    fn play(&mut self, history: &History, info: &MatchInfo, rng: &mut StreamRng) -> Action {
        self.0.play(history, info, rng)
    }
    fn reset(&mut self) {
        self.0.reset()
    }
}
