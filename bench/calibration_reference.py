"""Reference values for src/models/calibration.ts, computed with scikit-learn.

Usage: /usr/bin/python3 bench/calibration_reference.py > tests/models/calibration_reference.json
Needs Debian's python3-sklearn (1.2.1 wrote the committed fixture). Synthetic
probabilities only (seeded numpy); no customer data.

For each case: the probabilities p (3 decimals, so ties occur), labels y and a
fold number per row; scikit-learn's CalibratedClassifierCV(cv="prefit") fitted
with each method on all rows (the classifier returns p as its probability, so
the calibrator sees exactly p, as ours), its fitted parameters (_SigmoidCalibration's
a, b; IsotonicRegression's thresholds), its predictions at query points (some
outside the fitted range: out_of_bounds="clip"), and each method's Brier
score (brier_score_loss) over the folds' held-out predictions, pooled and per fold.
"""
import json, sys
import numpy as np
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV, _SigmoidCalibration
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss


class GivenProbability(ClassifierMixin, BaseEstimator):
    """A 'classifier' whose P(class 1) is its only feature: calibrates given probabilities."""

    def fit(self, X, y):
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        p = np.asarray(X, dtype=float)[:, 0]
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)


def case(name, p, y, k, rng):
    p = np.round(p, 3)
    folds = np.empty(len(p), dtype=int)
    for c in (0, 1):  # stratified: each class dealt round-robin over a shuffle
        idx = rng.permutation(np.flatnonzero(y == c))
        folds[idx] = np.arange(len(idx)) % k
    query = np.round(np.concatenate([[-0.1, 0.0, 1.0, 1.2], np.linspace(0.005, 0.995, 23), p[:7]]), 6)
    X = p.reshape(-1, 1)
    est = GivenProbability().fit(X, y)
    out = {"name": name, "p": p.tolist(), "y": y.tolist(), "folds": folds.tolist(), "query": query.tolist()}
    for method in ("sigmoid", "isotonic"):
        cal = CalibratedClassifierCV(est, method=method, cv="prefit").fit(X, y)
        fitted = cal.calibrated_classifiers_[0].calibrators[0]
        if method == "sigmoid":
            assert isinstance(fitted, _SigmoidCalibration)
            params = {"a": float(fitted.a_), "b": float(fitted.b_)}
        else:
            assert isinstance(fitted, IsotonicRegression) and fitted.out_of_bounds == "clip"
            params = {"x": fitted.X_thresholds_.tolist(), "y": fitted.y_thresholds_.tolist()}
        held = np.empty(len(p))
        fold_brier = []
        for f in range(k):
            tr, te = folds != f, folds == f
            c = CalibratedClassifierCV(GivenProbability().fit(X[tr], y[tr]), method=method, cv="prefit")
            held[te] = c.fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
            fold_brier.append(float(brier_score_loss(y[te], held[te])))
        out[method] = {
            **params,
            "predict": cal.predict_proba(query.reshape(-1, 1))[:, 1].tolist(),
            "cvBrier": float(brier_score_loss(y, held)),
            "foldBrier": fold_brier,
        }
    out["brierBefore"] = float(brier_score_loss(y, p))
    return out


rng = np.random.default_rng(20261202)
cases = []
# Over-confident scores: a sigmoid fits the miscalibration well.
n = 240
p = rng.beta(0.6, 0.6, n)
y = (rng.random(n) < 1 / (1 + np.exp(-2.0 * (p - 0.5)))).astype(int)
cases.append(case("overconfident", p, y, 5, rng))
# A step-shaped truth: risk jumps at 0.55, which no sigmoid in p follows.
n = 400
p = rng.random(n)
y = (rng.random(n) < np.where(p < 0.55, 0.1, 0.85)).astype(int)
cases.append(case("step", p, y, 5, rng))
# Few rows, many ties (scores on a coarse grid), three folds.
n = 60
p = rng.integers(1, 10, n) / 10
y = (rng.random(n) < p * 0.8).astype(int)
cases.append(case("coarse", p, y, 3, rng))

json.dump({"sklearn": sklearn.__version__, "cases": cases}, sys.stdout)
sys.stdout.write("\n")
