#!/usr/bin/env python3
"""Writes nn-core's metric fixtures: predictions, targets and scikit-learn's figures for them.

nn-core's RegressionReportTest and ClassificationReportTest read the files and check that
RegressionReport and ClassificationReport give scikit-learn's numbers. Made with Debian's
python3-sklearn 1.2.1 and numpy 1.24; never needed by the build:

    python3 tools/sklearn/make_metrics_fixture.py nn-core/src/test/resources/metrics
"""
import json
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import (classification_report, confusion_matrix, mean_absolute_error,
                             mean_squared_error, r2_score)


def classification(rng):
    """Six classes: 3 is never predicted, 4 never true, 5 neither (left out of the averages)."""
    n = 200
    truth = rng.integers(0, 4, n)
    predicted = np.where(rng.random(n) < 0.7, truth, rng.choice([0, 1, 2, 4], n))
    predicted = np.where(predicted == 3, 0, predicted)
    labels = list(range(6))
    report = classification_report(truth, predicted, output_dict=True, zero_division=0)
    per_class = {str(c): report[str(c)] for c in labels if str(c) in report}
    return {
        "classes": len(labels),
        "truth": truth.tolist(),
        "predicted": predicted.tolist(),
        "confusion_matrix": confusion_matrix(truth, predicted, labels=labels).tolist(),
        "accuracy": report["accuracy"],
        "per_class": per_class,
        "macro_avg": report["macro avg"],
        "weighted_avg": report["weighted avg"],
    }


def regression(rng):
    """Three target columns, the third constant: its R^2 is undefined, null in the file.

    scikit-learn's force_finite=False gives -inf for it (a residual over a spread of 0); 0/0 would be NaN.
    """
    n = 150
    targets = np.column_stack([rng.normal(50, 10, n), rng.uniform(-1, 1, n), np.full(n, 7.25)])
    predictions = targets + rng.normal(0, [4.0, 0.5, 0.1], (n, 3))
    return {
        "width": 3,
        "targets": targets.ravel().tolist(),
        "predictions": predictions.ravel().tolist(),
        "mse": mean_squared_error(targets, predictions, multioutput="raw_values").tolist(),
        "mae": mean_absolute_error(targets, predictions, multioutput="raw_values").tolist(),
        "r2": [v if np.isfinite(v) else None
               for v in r2_score(targets, predictions, multioutput="raw_values", force_finite=False)],
        "mean_mse": mean_squared_error(targets, predictions),
        "mean_mae": mean_absolute_error(targets, predictions),
        "mean_r2_first_two_columns": r2_score(targets[:, :2], predictions[:, :2]),
    }


def main():
    out = Path(sys.argv[1])
    rng = np.random.default_rng(12)
    made_with = "tools/sklearn/make_metrics_fixture.py, scikit-learn " + sklearn.__version__
    for name, data in (("classification.json", classification(rng)), ("regression.json", regression(rng))):
        (out / name).write_text(json.dumps({"made_with": made_with, **data}, indent=1) + "\n")


if __name__ == "__main__":
    main()
