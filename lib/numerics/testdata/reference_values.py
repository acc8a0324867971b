"""Reference values for lib/numerics/stable_test.ts and lib/rbm/exact_test.ts.

Run from the repository root:  python3 lib/numerics/testdata/reference_values.py
It rewrites lib/numerics/testdata/reference_values.json. Every value is computed in 60-digit
arbitrary precision with mpmath (1.3.0) and rounded once to the nearest Float64 (float(mpf) rounds
to nearest), so each stored number is the correctly rounded true value. Deterministic: no randomness.
"""
import itertools
import json
import math
import os

import mpmath as mp

mp.mp.dps = 60

POINTS = [-800.0, -745.0, -700.0, -40.0, -1.0, -1e-20, 0.0, 1e-20, 1.0, 40.0, 700.0, 800.0]


def softplus(x):
    return mp.log1p(mp.exp(mp.mpf(x)))


def sigmoid(x):
    return 1 / (1 + mp.exp(-mp.mpf(x)))


def log_sum_exp(xs):
    return mp.log(mp.fsum(mp.exp(mp.mpf(x)) for x in xs))


# A small RBM with deterministic parameters. The Float64 parameter values themselves are written to
# the JSON (row-major weights), so the TypeScript test uses exactly the numbers summed here.
N, M = 5, 3
W = [[0.9 * math.sin(1 + i * M + j) for j in range(M)] for i in range(N)]
A = [0.5 * math.cos(2 + i) for i in range(N)]
B = [0.4 * math.sin(3 + 2 * j) for j in range(M)]


def neg_energy(v, h):
    s = mp.mpf(0)
    for i in range(N):
        s += mp.mpf(A[i]) * v[i]
    for j in range(M):
        s += mp.mpf(B[j]) * h[j]
    for i in range(N):
        for j in range(M):
            s += mp.mpf(W[i][j]) * v[i] * h[j]
    return s


states_v = list(itertools.product([0, 1], repeat=N))
states_h = list(itertools.product([0, 1], repeat=M))
log_z = mp.log(mp.fsum(mp.exp(neg_energy(v, h)) for v in states_v for h in states_h))
DATA = [[1, 0, 1, 1, 0], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1], [0, 1, 1, 0, 1]]
log_p = [mp.log(mp.fsum(mp.exp(neg_energy(v, h)) for h in states_h)) - log_z for v in DATA]

out = {
    "provenance": "lib/numerics/testdata/reference_values.py (mpmath 1.3.0, 60 digits)",
    "points": POINTS,
    "softplus": [float(softplus(x)) for x in POINTS],
    "logSigmoid": [float(-softplus(-x)) for x in POINTS],
    "sigmoid": [float(sigmoid(x)) for x in POINTS],
    "logSumExp": [
        {"values": v, "expected": float(log_sum_exp(v))}
        for v in [
            [0.0],
            [-800.0, -800.0],
            [800.0, 800.0, 800.0],
            [-1e-20, 1e-20],
            [1000.0, 0.0, -1000.0],
            [-745.0, -745.5, -746.0],
            [0.1 * k for k in range(100)],
        ]
    ],
    "logAddExp": [
        {"a": a, "b": b, "expected": float(log_sum_exp([a, b]))}
        for a, b in [(0.0, 0.0), (800.0, -800.0), (-800.0, -800.0), (1e-20, -1e-20), (700.0, 699.0), (-40.0, 0.0)]
    ],
    "rbm": {
        "numVisible": N,
        "numHidden": M,
        "formula": "W[i][j] = 0.9 sin(1 + i*numHidden + j), a[i] = 0.5 cos(2 + i), b[j] = 0.4 sin(3 + 2 j)",
        "weights": [W[i][j] for i in range(N) for j in range(M)],
        "visibleBias": A,
        "hiddenBias": B,
        "logPartition": float(log_z),
        "data": DATA,
        "meanLogLikelihood": float(mp.fsum(log_p) / len(log_p)),
    },
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_values.json")
with open(path, "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
