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
    fn uniform_mean_is_about_half() {
        let mut rng = stream(3, &[label("uniform")]);
        let n = 100_000;
        let mean: f64 = (0..n).map(|_| uniform(&mut rng)).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.005, "mean {mean}");
    }
}
