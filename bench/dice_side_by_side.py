"""DICE-2016R2 optimal run in Python, solved the conventional way, to time against commonweal.

The port below restates the model of shared/models/dice2016r2.md in plain Python and maximises
welfare over the same 189 controls (mu in periods 2..100, s in periods 1..90) with scipy's SLSQP,
letting scipy estimate the gradient by finite differences (one simulation per control per
gradient). It then runs `commonweal climate dice --run optimal --format json` and compares.

Usage: python3 bench/dice_side_by_side.py [--maxiter N] [--binary target/release/commonweal]
"""

import argparse
import json
import math
import subprocess
import time

import numpy as np
from scipy.optimize import minimize

N = 100
TSTEP = 5.0


def exogenous():
    l, al, sigma, gsig = 7403.0, 5.115, 35.85 / (105.5 * 0.97), -0.0152
    out = {k: [] for k in ("l", "al", "sigma", "pb", "cost1", "etree", "fex", "rr", "mu_up")}
    for i in range(N):
        t = i + 1
        out["l"].append(l)
        out["al"].append(al)
        out["sigma"].append(sigma)
        pb = 550.0 * 0.975 ** (t - 1)
        out["pb"].append(pb)
        out["cost1"].append(pb * sigma / 2.6 / 1000.0)
        out["etree"].append(2.6 * 0.885 ** (t - 1))
        out["fex"].append(0.5 + 0.5 * (t - 1) / 17.0 if t < 18 else 1.0)
        out["rr"].append(1.015 ** (-TSTEP * (t - 1)))
        out["mu_up"].append(1.0 if t < 30 else 1.2)
        ga = 0.076 * math.exp(-0.005 * TSTEP * (t - 1))
        l = l * (11500.0 / l) ** 0.134
        al = al / (1.0 - ga)
        sigma = sigma * math.exp(gsig * TSTEP)
        gsig = gsig * 0.999 ** TSTEP
    return out


X = exogenous()
B12, B23 = 0.12, 0.007
B11, B21 = 1 - B12, B12 * 588.0 / 360.0
B22, B32 = 1 - B21 - B23, B23 * 360.0 / 1720.0
B33 = 1 - B32
OPTLRSAV = (0.1 + 0.004) / (0.1 + 0.004 * 1.45 + 0.015) * 0.3


def simulate(mu, s):
    """Welfare and the 2100 temperature for full mu and s paths."""
    k, mat, mup, ml, tatm, tlo = 223.0, 851.0, 460.0, 1740.0, 0.85, 0.0068
    total = 0.0
    t2100 = None
    for t in range(N):
        if t == 17:
            t2100 = tatm
        yg = X["al"][t] * (X["l"][t] / 1000.0) ** 0.7 * k ** 0.3
        y = yg * (1 - 0.00236 * tatm * tatm) - yg * X["cost1"][t] * mu[t] ** 2.6
        c = (1 - s[t]) * y
        cpc = 1000.0 * c / X["l"][t]
        total += ((cpc ** -0.45 - 1) / -0.45 - 1) * X["l"][t] * X["rr"][t]
        e = X["sigma"][t] * yg * (1 - mu[t]) + X["etree"][t]
        if t + 1 < N:
            k = 0.9 ** 5 * k + TSTEP * s[t] * y
            mat, mup, ml = (B11 * mat + B21 * mup + TSTEP / 3.666 * e,
                            B12 * mat + B22 * mup + B32 * ml, B33 * ml + B23 * mup)
            forc = 3.6813 * math.log2(mat / 588.0) + X["fex"][t + 1]
            tatm, tlo = (tatm + 0.1005 * (forc - 3.6813 / 3.1 * tatm - 0.088 * (tatm - tlo)),
                         tlo + 0.025 * (tatm - tlo))
    return TSTEP * 0.0302455265681763 * total - 10993.704, t2100


def unpack(x):
    mu = np.concatenate(([0.03], x[: N - 1]))
    s = np.concatenate((x[N - 1:], np.full(10, OPTLRSAV)))
    return mu, s


def negative_welfare(x):
    return -simulate(*unpack(x))[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maxiter", type=int, default=1000)
    parser.add_argument("--binary", default="target/release/commonweal")
    args = parser.parse_args()

    x0 = np.concatenate(([min(1.0, t / 17.0) * X["mu_up"][t] for t in range(1, N)], np.full(N - 10, OPTLRSAV)))
    bounds = [(0.0, X["mu_up"][t]) for t in range(1, N)] + [(1e-4, 1 - 1e-4)] * (N - 10)
    start = time.perf_counter()
    res = minimize(negative_welfare, x0, method="SLSQP", bounds=bounds,
                   options={"maxiter": args.maxiter, "ftol": 1e-12})
    py_seconds = time.perf_counter() - start
    mu, s = unpack(res.x)
    w, t2100 = simulate(mu, s)
    price2020 = X["pb"][1] * mu[1] ** 1.6

    start = time.perf_counter()
    out = subprocess.run([args.binary, "climate", "dice", "--run", "optimal", "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    rs_seconds = time.perf_counter() - start
    doc = json.loads(out)
    rs_t2100 = doc["periods"][17]["tatm"]
    rs_price = doc["periods"][1]["carbon_price"]

    print(f"python SLSQP + finite differences: {py_seconds:.1f} s, {res.nit} iterations, "
          f"{res.nfev} simulations, status {res.status} ({res.message})")
    print(f"  W = {w:.6f}  T_AT(2100) = {t2100:.4f}  carbon price 2020 = {price2020:.3f}")
    print(f"commonweal (whole process, JSON out): {rs_seconds * 1000:.0f} ms")
    print(f"  W = {doc['welfare']:.6f}  T_AT(2100) = {rs_t2100:.4f}  carbon price 2020 = {rs_price:.3f}")
    print(f"welfare gap (commonweal - python): {doc['welfare'] - w:.3e}")


if __name__ == "__main__":
    main()
