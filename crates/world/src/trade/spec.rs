//! Textual pair specifications such as `USA>CHN=0.25,CHN>USA=0.25`, as the command line takes them.
//!
//! Each comma-separated item is `EXPORTER>IMPORTER=RATE`: the importer's barrier on goods from
//! the exporter (a tariff rate, or an iceberg-cost increase: `0.1` makes shipping 10 % dearer).
//! Either side may be `*` for every nation (`*>USA=0.1` is a barrier the United States raises on
//! everyone; `CHN>*=0.1` is everyone's barrier on China). Pairs of a nation with itself are
//! skipped by the wildcard and rejected when named.

use super::{Policy, TradeBase, TradeError, invalid};

/// One item of a pair specification, resolved to nation indices.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRate {
    /// Exporting nations (one, or all for `*`).
    pub exporters: Vec<usize>,
    /// Importing nations (one, or all for `*`).
    pub importers: Vec<usize>,
    /// The rate given.
    pub rate: f64,
}

/// How a specification's rates enter a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKind {
    /// As ad-valorem tariffs (with revenue).
    Tariff,
    /// As iceberg-cost increases: the cost factor becomes `1 + rate` (no revenue).
    Iceberg,
}

/// Parses a specification against the nations of `base`.
pub fn parse_pairs(base: &TradeBase, text: &str) -> Result<Vec<PairRate>, TradeError> {
    let all: Vec<usize> = (0..base.n()).collect();
    let nation = |code: &str, item: &str| -> Result<Vec<usize>, TradeError> {
        if code == "*" {
            return Ok(all.clone());
        }
        base.index_of(code).map(|k| vec![k]).ok_or_else(|| {
            invalid(
                format!("pair `{item}`"),
                format!("`{code}` is not a nation of the world; give an ISO3 code such as USA or `*`"),
            )
        })
    };
    let mut out = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let form = "write EXPORTER>IMPORTER=RATE, e.g. USA>CHN=0.25";
        let (pair, rate) = item
            .split_once('=')
            .ok_or_else(|| invalid(format!("pair `{item}`"), format!("no `=RATE`; {form}")))?;
        let (exp, imp) = pair.split_once('>').ok_or_else(|| {
            invalid(format!("pair `{item}`"), format!("no `>` between two nations; {form}"))
        })?;
        let rate: f64 =
            rate.trim().parse().ok().filter(|r: &f64| r.is_finite() && *r > -1.0).ok_or_else(|| {
                invalid(
                    format!("pair `{item}`"),
                    format!("rate `{}` is not a number > −1; {form}", rate.trim()),
                )
            })?;
        let (exp, imp) = (exp.trim().to_ascii_uppercase(), imp.trim().to_ascii_uppercase());
        if exp == imp && exp != "*" {
            return Err(invalid(
                format!("pair `{item}`"),
                "a nation puts no barrier on itself; name two nations",
            ));
        }
        out.push(PairRate { exporters: nation(&exp, item)?, importers: nation(&imp, item)?, rate });
    }
    if out.is_empty() {
        return Err(invalid("pairs", "empty; write EXPORTER>IMPORTER=RATE items separated by commas"));
    }
    Ok(out)
}

/// Writes parsed items into `policy` (later items override earlier ones on the same pair).
pub fn apply_pairs(policy: &mut Policy, pairs: &[PairRate], kind: RateKind) {
    for p in pairs {
        for &j in &p.importers {
            for &i in &p.exporters {
                if i == j {
                    continue;
                }
                match kind {
                    RateKind::Tariff => policy.set_tariff(j, i, p.rate),
                    RateKind::Iceberg => policy.set_cost_change(j, i, 1.0 + p.rate),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> TradeBase {
        let codes = ["USA", "CHN", "DEU"].map(String::from).to_vec();
        let shares = vec![0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8];
        TradeBase::new(codes, shares, vec![1.0; 3], 5.0).unwrap()
    }

    #[test]
    fn pairs_and_wildcards_set_the_named_directions() {
        let b = base();
        let pairs = parse_pairs(&b, "USA>CHN=0.25, chn>usa=0.1,*>DEU=0.05").unwrap();
        let mut p = Policy::free_trade(3);
        apply_pairs(&mut p, &pairs, RateKind::Tariff);
        assert_eq!(p.tariff(1, 0), 0.25); // China's tariff on US goods
        assert_eq!(p.tariff(0, 1), 0.1);
        assert_eq!(p.tariff(2, 0), 0.05);
        assert_eq!(p.tariff(2, 1), 0.05);
        assert_eq!(p.tariff(2, 2), 0.0);
        let mut q = Policy::free_trade(3);
        apply_pairs(&mut q, &pairs, RateKind::Iceberg);
        assert_eq!(q.cost_change(1, 0), 1.25);
        assert!(q.is_iceberg_only());
    }

    #[test]
    fn bad_items_say_what_would_be_valid() {
        let b = base();
        for (text, needle) in [
            ("USA>ATL=0.1", "`ATL` is not a nation"),
            ("USA-CHN=0.1", "no `>`"),
            ("USA>CHN", "no `=RATE`"),
            ("USA>CHN=lots", "rate `lots` is not a number"),
            ("USA>USA=0.1", "no barrier on itself"),
            (" , ", "empty"),
        ] {
            let msg = parse_pairs(&b, text).unwrap_err().to_string();
            assert!(msg.contains(needle), "{text}: {msg}");
        }
    }
}
