"""Nested CV of the model selection with scikit-learn, on the folds our TypeScript run used.

Usage: /usr/bin/python3 bench/nested_cv_sklearn.py FOLDS.json [--jobs N]
FOLDS.json comes from `deno task bench:nested --folds-out FOLDS.json`: the customers' features (after our
loading and cleaning), labels, and every outer fold with its inner folds. Per outer fold this runs the grid
of ../shared/bench/sklearn_anchor.py with GridSearchCV on the given inner folds, refits each family's best,
builds the soft-voting ensemble (equal weights over the families within one standard error of the top
family's mean inner AUC, at least two: the same rule as src/selection/ensemble_choice.ts),
picks the winner by mean inner AUC (ties: a single family first) and scores everything on the outer part.
Prints one JSON object: per family (and the ensemble) the mean outer AUC and wins, the selected
procedure's mean AUC, and the seconds taken. Needs Debian's python3-sklearn and python3-pandas.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

data = json.load(open(sys.argv[1]))
jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 1
X = pd.DataFrame({**data["numeric"], **data["categorical"]})
y = np.array(data["y"])
cat = list(data["categorical"].keys())
ohe = [c for c in cat if c != "service_type"]
num = list(data["numeric"].keys())
pre = ColumnTransformer([
    ("ohe", OneHotEncoder(drop="first", handle_unknown="ignore", sparse_output=False), ohe),
    ("ord", OrdinalEncoder(categories=[["стандарт", "премиум"]]), ["service_type"]),
    ("num", StandardScaler(), num)])
pipe = Pipeline([("pre", pre), ("model", LogisticRegression())])
scalers = [StandardScaler(), MinMaxScaler(), "passthrough"]
GRID = {
    "knn": {"model": [KNeighborsClassifier()], "model__n_neighbors": list(range(2, 31, 2)),
            "model__weights": ["uniform", "distance"], "pre__num": scalers},
    "tree": {"model": [DecisionTreeClassifier(random_state=42)], "model__max_depth": list(range(2, 12)),
             "model__min_samples_leaf": [1, 5, 10, 20], "pre__num": ["passthrough"]},
    "logistic": {"model": [LogisticRegression(random_state=42, solver="liblinear")], "model__penalty": ["l1", "l2"],
                 "model__C": [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 32], "pre__num": scalers},
    # The search ranks SVCs by their decision values (as ours does); the chosen one is refitted with Platt.
    "svc": {"model": [SVC(random_state=42)], "model__kernel": ["linear", "rbf", "poly", "sigmoid"],
            "model__C": [0.1, 1, 10], "pre__num": [StandardScaler(), MinMaxScaler()]},
}


def with_proba(estimator):
    est = clone(estimator)
    if isinstance(est.named_steps["model"], SVC):
        est.set_params(model__probability=True)
    return est


def score(est, Xs):
    return est.decision_function(Xs) if hasattr(est, "decision_function") else est.predict_proba(Xs)[:, 1]


t0 = time.perf_counter()
rows = []
for o in data["outer"]:
    tr, te = np.array(o["train"]), np.array(o["test"])
    Xtr, ytr, Xte, yte = X.iloc[tr], y[tr], X.iloc[te], y[te]
    inner = [(np.array(f["train"]), np.array(f["test"])) for f in o["inner"]]
    best, inner_auc, fold_auc, auc, proba, oof = {}, {}, {}, {}, {}, {}
    for fam, grid in GRID.items():
        gs = GridSearchCV(pipe, [grid], cv=inner, scoring="roc_auc", n_jobs=jobs).fit(Xtr, ytr)
        best[fam] = with_proba(gs.best_estimator_)
        inner_auc[fam] = gs.best_score_
        fold_auc[fam] = np.array([gs.cv_results_[f"split{i}_test_score"][gs.best_index_] for i in range(len(inner))])
        oof[fam] = np.zeros(len(tr))
        for a, b in inner:
            oof[fam][b] = clone(best[fam]).fit(Xtr.iloc[a], ytr[a]).predict_proba(Xtr.iloc[b])[:, 1]
        fitted = best[fam].fit(Xtr, ytr)
        auc[fam] = roc_auc_score(yte, score(fitted, Xte))
        proba[fam] = fitted.predict_proba(Xte)[:, 1]
    # Members: families within one standard error of the top family's mean inner AUC, at least the top two.
    fams = list(GRID)
    top = max(fams, key=lambda f: fold_auc[f].mean())
    se = fold_auc[top].std(ddof=1) / np.sqrt(len(inner))
    ranked = sorted(fams, key=lambda f: -fold_auc[f].mean())
    ens = [f for f in fams if f in ranked[:2] or fold_auc[f].mean() >= fold_auc[top].mean() - se]
    vote = np.mean([oof[f] for f in ens], axis=0)
    inner_auc["ensemble"] = np.mean([roc_auc_score(ytr[b], vote[b]) for _, b in inner])
    auc["ensemble"] = roc_auc_score(yte, np.mean([proba[f] for f in ens], axis=0))
    winner = max(inner_auc, key=lambda f: inner_auc[f])
    rows.append({"winner": winner, "members": list(ens), "auc": {k: round(v, 4) for k, v in auc.items()},
                 "inner": {k: round(v, 4) for k, v in inner_auc.items()}})
names = list(GRID) + ["ensemble"]
out = {
    "seconds": round(time.perf_counter() - t0, 2),
    "jobs": jobs,
    "selected": round(float(np.mean([r["auc"][r["winner"]] for r in rows])), 4),
    "families": [{"family": f, "mean": round(float(np.mean([r["auc"][f] for r in rows])), 4),
                  "wins": sum(r["winner"] == f for r in rows)} for f in names],
    "folds": rows,
}
print(json.dumps(out, ensure_ascii=False, indent=1))
