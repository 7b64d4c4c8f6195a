//! Deterministic random streams derived from one root seed and a stable identifier.
//!
//! Every random draw in commonweal comes from a [`StreamRng`] made by [`stream`] from the run's
//! root seed and an identifier that names *what* the stream is for (a match, a replicate, a
//! nation), never *when* or *where* it runs. That is what makes results bit-identical for any
//! number of threads: a match played on thread 3 draws exactly what it would draw on thread 0.

use rand::SeedableRng;
pub use rand::{Rng, RngCore};

/// The generator used for every stream: xoshiro256++ (fast, 256-bit state, passes BigCrush).
pub type StreamRng = rand_xoshiro::Xoshiro256PlusPlus;

/// One step of SplitMix64, used as a bijective mixer for seed derivation.
#[inline]
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Mixes a root seed with a path of stable identifiers into one 64-bit seed.
///
/// The mixing is order-sensitive (`[1, 2]` and `[2, 1]` give different seeds) and each step is
/// a bijection of the running state, so distinct paths collide only by 64-bit chance.
pub fn derive_seed(root: u64, path: &[u64]) -> u64 {
    let mut state = splitmix64(root ^ 0xC0FF_EE00_D15E_A5E5);
    for &id in path {
        state = splitmix64(state ^ splitmix64(id.wrapping_add(0x5851_F42D_4C95_7F2D)));
    }
    state
}

/// The random stream for `(root, path)`.
pub fn stream(root: u64, path: &[u64]) -> StreamRng {
    StreamRng::seed_from_u64(derive_seed(root, path))
}

/// A stable 64-bit identifier for a string label (FNV-1a), for use in stream paths.
pub const fn label(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
        i += 1;
    }
    hash
}

/// A uniform draw in `[0, 1)` with 53 bits of precision.
#[inline]
pub fn uniform(rng: &mut StreamRng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// True with probability `p`. Draws nothing when `p` is 0 or 1, so that deterministic rules
/// expressed as probabilities (a memory-one vector of 0s and 1s) never consume randomness —
/// the same convention as the Axelrod library's `random_choice`.
#[inline]
pub fn bernoulli(rng: &mut StreamRng, p: f64) -> bool {
    if p <= 0.0 {
        false
    } else if p >= 1.0 {
        true
    } else {
        uniform(rng) < p
    }
}

/// The integer threshold `t` for which `(rng.next_u64() >> 11) < t` is exactly
/// `uniform(rng) < p` for `p` in (0, 1): the uniform draw is `k·2⁻⁵³` for an integer `k`, and
/// `k·2⁻⁵³ < p` ⇔ `k < p·2⁵³` ⇔ `k < ⌈p·2⁵³⌉` (multiplying by a power of two is exact). Hot
/// loops compute it once per match instead of converting every draw to a float.
#[inline]
pub fn bernoulli_threshold(p: f64) -> u64 {
    (p * (1u64 << 53) as f64).ceil() as u64
}

/// [`bernoulli`] for `p` in (0, 1) given `bernoulli_threshold(p)`: the same single draw and the
/// same outcome.
#[inline]
pub fn bernoulli_below(rng: &mut StreamRng, threshold: u64) -> bool {
    (rng.next_u64() >> 11) < threshold
}

/// The stream of [`stream`] as a plain xoshiro256++ state, for hot loops that advance a stream
/// only on some turns without branching on it: it is seeded as [`StreamRng::seed_from_u64`]
/// seeds (four SplitMix64 outputs) and gives the same numbers (tested), so a kernel that uses it
/// draws exactly what the general loop draws from the matching [`StreamRng`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OpenStream {
    s: [u64; 4],
}

impl OpenStream {
    /// The stream for `(root, path)`, equal to `stream(root, path)`.
    pub(crate) fn new(root: u64, path: &[u64]) -> OpenStream {
        let seed = derive_seed(root, path);
        // SplitMix64 from `seed`: each output is the mix of the state advanced by the golden
        // gamma, which is what `splitmix64` computes from the previous state.
        let mut s = [0u64; 4];
        let mut state = seed;
        for word in &mut s {
            *word = splitmix64(state);
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        }
        if s == [0; 4] {
            // rand seeds an all-zero state from `seed_from_u64(0)` instead; unreachable in
            // practice (four SplitMix64 outputs), kept for exactness.
            return OpenStream::new_from_zero();
        }
        OpenStream { s }
    }

    fn new_from_zero() -> OpenStream {
        let mut s = [0u64; 4];
        let mut state = 0u64;
        for word in &mut s {
            *word = splitmix64(state);
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        }
        OpenStream { s }
    }

    /// The next output, advancing the stream.
    #[inline(always)]
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.next_masked(u64::MAX)
    }

    /// The next output; the stream advances where `mask` is all ones and stays where it is
    /// zero. The new state is blended by the mask rather than chosen by a branch, because in a
    /// match the condition follows the random course of play and a mispredicted branch costs
    /// more than the whole step. Kernels keep such masks in tables: a mask loaded from memory
    /// is not known to be all or nothing, so the compiler cannot turn the blend back into a
    /// branch, as it does with a select on a `bool`.
    #[inline(always)]
    pub(crate) fn next_masked(&mut self, mask: u64) -> u64 {
        let s = self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        let mut n = s;
        n[2] ^= n[0];
        n[3] ^= n[1];
        n[1] ^= n[2];
        n[0] ^= n[3];
        n[2] ^= t;
        n[3] = n[3].rotate_left(45);
        for k in 0..4 {
            self.s[k] = s[k] ^ ((s[k] ^ n[k]) & mask);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_path_same_stream_different_path_different_stream() {
        let mut a = stream(7, &[1, 2]);
        let mut b = stream(7, &[1, 2]);
        let mut c = stream(7, &[2, 1]);
        let xa: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..4).map(|_| c.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
    }

    #[test]
    fn bernoulli_edges_draw_nothing() {
        let mut a = stream(1, &[]);
        let before = a.clone();
        assert!(!bernoulli(&mut a, 0.0));
        assert!(bernoulli(&mut a, 1.0));
        assert_eq!(a, before);
    }

    #[test]
    fn integer_threshold_draws_agree_with_bernoulli() {
        let probabilities = [1e-12, 0.01, 0.05, 0.1, 1.0 / 3.0, 0.5, 0.9, 1.0 - 1e-12];
        for (i, &p) in probabilities.iter().enumerate() {
            let mut a = stream(11, &[i as u64]);
            let mut b = a.clone();
            let t = bernoulli_threshold(p);
            for _ in 0..20_000 {
                assert_eq!(bernoulli(&mut a, p), bernoulli_below(&mut b, t), "p = {p}");
            }
            assert_eq!(a, b);
        }
    }

    #[test]
    fn open_stream_gives_the_numbers_of_stream() {
        for root in [0u64, 1, 42, u64::MAX] {
            for path in [&[][..], &[label("player"), 0], &[label("environment")], &[3, 1, 4, 1, 5]] {
                let mut a = stream(root, path);
                let mut b = OpenStream::new(root, path);
                for _ in 0..1000 {
                    assert_eq!(a.next_u64(), b.next_u64());
                }
            }
        }
        // Seed 0's stream, which rand also uses for an all-zero seed.
        let mut a = StreamRng::seed_from_u64(0);
        let mut b = OpenStream::new_from_zero();
        assert_eq!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn open_stream_advances_only_when_asked() {
        let mut a = stream(5, &[1]);
        let mut b = OpenStream::new(5, &[1]);
        let mut skipped = 0;
        for k in 0..5000u64 {
            let advance = !splitmix64(k).is_multiple_of(3);
            let peek = b.clone().next_u64();
            let got = b.next_masked(if advance { u64::MAX } else { 0 });
            // The output is the next number whether or not the stream moves on.
            assert_eq!(got, peek);
            if advance {
                assert_eq!(a.next_u64(), got);
            } else {
                skipped += 1;
            }
        }
        assert!(skipped > 1000);
        assert_eq!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn uniform_mean_is_about_half() {
        let mut rng = stream(3, &[label("uniform")]);
        let n = 100_000;
        let mean: f64 = (0..n).map(|_| uniform(&mut rng)).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.005, "mean {mean}");
    }
}
