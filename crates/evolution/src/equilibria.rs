//! Every rest point of the replicator equation of a matrix game on the simplex, classified
//! from the eigenvalues of the Jacobian restricted to the simplex's tangent space.

use crate::payoff::PayoffMatrix;

/// How a rest point behaves, from the real parts of its tangent-space eigenvalues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stability {
    /// Every eigenvalue has a negative real part (a sink).
    Stable,
    /// Every eigenvalue has a positive real part (a source).
    Unstable,
    /// Real parts of both signs.
    Saddle,
    /// Every real part zero and some imaginary part non-zero: closed orbits around it in
    /// the linearisation.
    Centre,
    /// Some real part zero and the rest of one sign, or all zero and real: linearisation
    /// does not decide.
    NonHyperbolic,
}

impl Stability {
    /// The lower-case name used in output (`"stable"`, `"saddle"`, …).
    pub fn name(self) -> &'static str {
        match self {
            Stability::Stable => "stable",
            Stability::Unstable => "unstable",
            Stability::Saddle => "saddle",
            Stability::Centre => "centre",
            Stability::NonHyperbolic => "non-hyperbolic",
        }
    }
}

/// One rest point.
#[derive(Clone, Debug, PartialEq)]
pub struct RestPoint {
    /// The shares.
    pub x: Vec<f64>,
    /// The classification.
    pub stability: Stability,
    /// Real parts of the tangent-space eigenvalues.
    pub eigenvalues_re: Vec<f64>,
    /// Imaginary parts, in the same order.
    pub eigenvalues_im: Vec<f64>,
}

/// Solves `a y = b` by Gaussian elimination with partial pivoting; `None` when singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    let scale = a.iter().flatten().fold(0.0f64, |m, x| m.max(x.abs())).max(1.0);
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() <= 1e-12 * scale {
            return None;
        }
        a.swap(col, piv);
        b.swap(col, piv);
        for r in col + 1..n {
            let f = a[r][col] / a[col][col];
            for c in col..n {
                a[r][c] -= f * a[col][c];
            }
            b[r] -= f * b[col];
        }
    }
    let mut y = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|c| a[r][c] * y[c]).sum();
        y[r] = (b[r] - s) / a[r][r];
    }
    Some(y)
}

/// The Jacobian of `Fᵢ = xᵢ((Ax)ᵢ − xᵀAx)` at `x`.
fn jacobian(m: &PayoffMatrix, x: &[f64]) -> Vec<Vec<f64>> {
    let n = m.n();
    let f: Vec<f64> = (0..n).map(|i| (0..n).map(|j| m.get(i, j) * x[j]).sum()).collect();
    let phi: f64 = (0..n).map(|i| x[i] * f[i]).sum();
    let ft: Vec<f64> = (0..n).map(|j| (0..n).map(|i| m.get(i, j) * x[i]).sum()).collect();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let d = if i == j { f[i] - phi } else { 0.0 };
                    d + x[i] * (m.get(i, j) - f[j] - ft[j])
                })
                .collect()
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Cx(f64, f64);

impl Cx {
    fn add(self, o: Cx) -> Cx {
        Cx(self.0 + o.0, self.1 + o.1)
    }
    fn sub(self, o: Cx) -> Cx {
        Cx(self.0 - o.0, self.1 - o.1)
    }
    fn mul(self, o: Cx) -> Cx {
        Cx(self.0 * o.0 - self.1 * o.1, self.0 * o.1 + self.1 * o.0)
    }
    fn div(self, o: Cx) -> Cx {
        let d = o.0 * o.0 + o.1 * o.1;
        Cx((self.0 * o.0 + self.1 * o.1) / d, (self.1 * o.0 - self.0 * o.1) / d)
    }
    fn abs(self) -> f64 {
        self.0.hypot(self.1)
    }
}

/// Eigenvalues of a small real matrix: the characteristic polynomial by Faddeev–LeVerrier,
/// then its roots by the Durand–Kerner iteration. Adequate for the handful of dimensions a
/// simplex of strategies has.
pub fn eigenvalues(a: &[Vec<f64>]) -> Vec<(f64, f64)> {
    let n = a.len();
    if n == 0 {
        return Vec::new();
    }
    // Faddeev–LeVerrier: c[k] are the coefficients of λⁿ + c₁λⁿ⁻¹ + … + cₙ.
    let mut c = vec![0.0; n + 1];
    c[0] = 1.0;
    let mut mk = vec![vec![0.0; n]; n];
    for k in 1..=n {
        // M_k = A M_{k−1} + c_{k−1} I, with M_0 = 0.
        let mut next = vec![vec![0.0; n]; n];
        for i in 0..n {
            for j in 0..n {
                next[i][j] = (0..n).map(|t| a[i][t] * mk[t][j]).sum::<f64>();
            }
            next[i][i] += c[k - 1];
        }
        mk = next;
        let tr: f64 = (0..n).map(|i| (0..n).map(|t| a[i][t] * mk[t][i]).sum::<f64>()).sum();
        c[k] = -tr / k as f64;
    }
    let eval = |z: Cx| c.iter().fold(Cx(0.0, 0.0), |acc, &ck| acc.mul(z).add(Cx(ck, 0.0)));
    let bound = 1.0 + c.iter().skip(1).fold(0.0f64, |m, x| m.max(x.abs()));
    // Distinct starting points on a circle inside the Cauchy bound, off the real axis.
    let mut roots: Vec<Cx> = (0..n)
        .map(|k| {
            let ang = 2.0 * std::f64::consts::PI * k as f64 / n as f64 + 0.4;
            Cx(bound * 0.5 * ang.cos(), bound * 0.5 * ang.sin())
        })
        .collect();
    for _ in 0..2000 {
        let mut moved: f64 = 0.0;
        for i in 0..n {
            let mut den = Cx(1.0, 0.0);
            for j in 0..n {
                if i != j {
                    den = den.mul(roots[i].sub(roots[j]));
                }
            }
            if den.abs() == 0.0 {
                den = Cx(1e-300, 0.0);
            }
            let step = eval(roots[i]).div(den);
            roots[i] = roots[i].sub(step);
            moved = moved.max(step.abs());
        }
        if moved < 1e-15 * bound {
            break;
        }
    }
    let mut out: Vec<(f64, f64)> = roots.iter().map(|r| (r.0, r.1)).collect();
    out.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.total_cmp(&q.1)));
    out
}

fn classify(eig: &[(f64, f64)], tol: f64) -> Stability {
    let neg = eig.iter().filter(|e| e.0 < -tol).count();
    let pos = eig.iter().filter(|e| e.0 > tol).count();
    let n = eig.len();
    if neg == n && n > 0 {
        Stability::Stable
    } else if pos == n && n > 0 {
        Stability::Unstable
    } else if neg > 0 && pos > 0 {
        Stability::Saddle
    } else if neg == 0 && pos == 0 && eig.iter().any(|e| e.1.abs() > tol) {
        Stability::Centre
    } else {
        Stability::NonHyperbolic
    }
}

/// Every isolated rest point of the replicator equation of `m`: for each support, the point
/// of the simplex face where all strategies in the support earn the same. Supports whose
/// equal-payoff system is singular (continua of rest points) are skipped.
pub fn rest_points(m: &PayoffMatrix) -> Vec<RestPoint> {
    let n = m.n();
    let scale =
        (0..n).flat_map(|i| (0..n).map(move |j| (i, j))).fold(0.0f64, |s, (i, j)| s.max(m.get(i, j).abs()));
    let tol = 1e-9 * scale.max(1.0);
    let mut out = Vec::new();
    for mask in 1u64..(1u64 << n) {
        let support: Vec<usize> = (0..n).filter(|&i| mask >> i & 1 == 1).collect();
        let k = support.len();
        // Unknowns x_s (s in support) and the common payoff φ.
        let mut a = vec![vec![0.0; k + 1]; k + 1];
        let mut b = vec![0.0; k + 1];
        for (r, &i) in support.iter().enumerate() {
            for (c, &j) in support.iter().enumerate() {
                a[r][c] = m.get(i, j);
            }
            a[r][k] = -1.0;
        }
        for c in 0..k {
            a[k][c] = 1.0;
        }
        b[k] = 1.0;
        let Some(y) = solve(a, b) else { continue };
        if y[..k].iter().any(|&v| v <= 1e-12) {
            continue;
        }
        let mut x = vec![0.0; n];
        for (c, &i) in support.iter().enumerate() {
            x[i] = y[c];
        }
        let j = jacobian(m, &x);
        let reduced: Vec<Vec<f64>> =
            (0..n - 1).map(|r| (0..n - 1).map(|c| j[r][c] - j[r][n - 1]).collect()).collect();
        let eig = eigenvalues(&reduced);
        out.push(RestPoint {
            x,
            stability: classify(&eig, tol),
            eigenvalues_re: eig.iter().map(|e| e.0).collect(),
            eigenvalues_im: eig.iter().map(|e| e.1).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rock_paper_scissors_interior_is_a_centre_and_vertices_are_saddles() {
        let m = PayoffMatrix::parse("0,-1,1;1,0,-1;-1,1,0").unwrap();
        let pts = rest_points(&m);
        assert_eq!(pts.len(), 4, "{pts:?}");
        let interior = pts.iter().find(|p| p.x.iter().all(|&v| v > 0.0)).unwrap();
        assert_eq!(interior.stability, Stability::Centre);
        for v in &interior.x {
            assert!((v - 1.0 / 3.0).abs() < 1e-12);
        }
        // Eigenvalues ±i/√3.
        let im = interior.eigenvalues_im.iter().map(|v| v.abs()).fold(0.0, f64::max);
        assert!((im - 1.0 / 3f64.sqrt()).abs() < 1e-9, "{im}");
        assert!(pts.iter().filter(|p| p.stability == Stability::Saddle).count() == 3);
    }

    #[test]
    fn two_strategy_classics() {
        // Prisoner's Dilemma: defection stable, cooperation unstable.
        let pd = rest_points(&PayoffMatrix::parse("3,0;5,1").unwrap());
        assert_eq!(pd.len(), 2);
        for p in &pd {
            let want = if p.x[1] == 1.0 { Stability::Stable } else { Stability::Unstable };
            assert_eq!(p.stability, want);
        }
        // Hawk–Dove (V = 2, C = 3): the mixed point x_H = V/C is stable.
        let hd = rest_points(&PayoffMatrix::parse("-0.5,2;0,1").unwrap());
        let mixed = hd.iter().find(|p| p.x[0] > 0.0 && p.x[1] > 0.0).unwrap();
        assert!((mixed.x[0] - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(mixed.stability, Stability::Stable);
        // Stag Hunt: the mixed point separates two stable corners.
        let sh = rest_points(&PayoffMatrix::parse("4,0;3,3").unwrap());
        assert_eq!(sh.iter().filter(|p| p.stability == Stability::Stable).count(), 2);
        assert_eq!(sh.iter().filter(|p| p.stability == Stability::Unstable).count(), 1);
    }

    #[test]
    fn eigenvalues_of_known_matrices() {
        let e = eigenvalues(&[vec![2.0, 0.0, 0.0], vec![0.0, -1.0, 0.0], vec![0.0, 0.0, 5.0]]);
        let re: Vec<f64> = e.iter().map(|v| v.0).collect();
        for (a, b) in re.iter().zip([-1.0, 2.0, 5.0]) {
            assert!((a - b).abs() < 1e-10, "{re:?}");
        }
        let rot = eigenvalues(&[vec![0.0, -2.0], vec![2.0, 0.0]]);
        assert!(rot.iter().all(|v| v.0.abs() < 1e-12 && (v.1.abs() - 2.0).abs() < 1e-12), "{rot:?}");
    }
}
