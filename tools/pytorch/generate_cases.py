#!/usr/bin/python3
"""Generate backprop4j conformance cases from PyTorch.

Every case is one JSON file in the format of the case-format contract
("backprop4j.case/1", docs/case-format.md): a small torch.nn.Sequential network,
one batch of data, a loss, and what PyTorch computed for it (output, loss,
gradient of the input and of every parameter, and for some cases a short
training run with torch.optim.SGD / Adam / AdamW, optionally with a StepLR or
CosineAnnealingLR schedule).

The script is deterministic: every case seeds torch with its own fixed seed,
PyTorch runs single-threaded, and the JSON is written with a fixed layout, so
running it twice produces byte-identical files.

Besides PyTorch's autograd the script evaluates every case a second time with
an independent NumPy reference in extended precision (np.longdouble) and fails
if PyTorch and the reference disagree by more than a small fraction of the
comparison tolerance. That also pins down the conventions the Java code must
follow (ReLU gradient at 0 is 0, LeakyReLU gradient at 0 is the slope, the
SGD momentum buffer starts as the first gradient, ELU's gradient at 0 is alpha,
cross-entropy's weighted mean divides by the targets' weights, ...).

Usage (Debian/Ubuntu: apt-get install -y python3-torch):

    /usr/bin/python3 tools/pytorch/generate_cases.py
    /usr/bin/python3 tools/pytorch/generate_cases.py --out DIR
    /usr/bin/python3 tools/pytorch/generate_cases.py --check DIR [DIR ...]
    /usr/bin/python3 tools/pytorch/generate_cases.py --reference DIR [DIR ...]
    /usr/bin/python3 tools/pytorch/generate_cases.py --alternatives [--out DIR]

--check only validates existing case files against the format (it needs
neither PyTorch nor NumPy). --reference compares any producer's case files with
the extended-precision reference, --alternatives checks that the written cases
reject wrong conventions (both need NumPy, not PyTorch).
"""

import argparse
import copy
import json
import math
import os
import sys
import zlib
from fractions import Fraction

FORMAT = "backprop4j.case/1"
TORCH_LABEL = "1.13.1"  # Debian's python3-torch 1.13.1 reports __version__ "1.13.0a0"

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "conformance-tests", "src", "main", "resources",
                           "org", "backprop4j", "conformance", "cases")

# Default comparison tolerances of the format (torch.testing.assert_close).
DEFAULT_TOL = {"float32": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7)}
# PyTorch's own values may use at most this fraction of the tolerance when compared
# with the extended-precision reference; the rest is left for the implementation
# under test (which sums in a different order).
MAX_TOL_FRACTION = 0.25
SATURATED = 50.0
# Large-magnitude float32 cases are ill-conditioned at the default tolerance
# (e.g. sigmoid backward y * (1 - y) near saturation, sums of terms ~1e4..1e7 that
# cancel): for cases marked loose_ok the first of these that PyTorch meets within
# MAX_TOL_FRACTION is written into the file as "tolerance".
TOL_LADDER = {
    "float32": [(1.3e-6, 1e-5), (1e-5, 1e-5), (1e-5, 1e-4), (1e-4, 1e-4), (1e-4, 1e-3),
                (1e-4, 1e-2), (1e-3, 1e-2), (1e-3, 1e-1)],
    "float64": [(1e-7, 1e-7), (1e-6, 1e-6), (1e-5, 1e-5)],
}


# ---------------------------------------------------------------------------
# Case definitions
# ---------------------------------------------------------------------------

def lin(i, o, bias=True):
    return {"type": "linear", "in": i, "out": o, "bias": bias}


RELU = {"type": "relu"}
SIGMOID = {"type": "sigmoid"}
TANH = {"type": "tanh"}
IDENTITY = {"type": "identity"}


def leaky(slope=0.01):
    return {"type": "leaky_relu", "negative_slope": slope}


def sgd(lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    return {"type": "sgd", "lr": lr, "momentum": momentum, "dampening": dampening,
            "weight_decay": weight_decay, "nesterov": nesterov}


def adam(lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False):
    return {"type": "adam", "lr": lr, "betas": list(betas), "eps": eps,
            "weight_decay": weight_decay, "amsgrad": amsgrad}


GELU = {"type": "gelu", "approximate": "none"}
GELU_TANH = {"type": "gelu", "approximate": "tanh"}
SILU = {"type": "silu"}
SOFTMAX = {"type": "softmax"}
LOG_SOFTMAX = {"type": "log_softmax"}


def elu(alpha=1.0):
    return {"type": "elu", "alpha": alpha}


def softplus(beta=1.0, threshold=20.0):
    return {"type": "softplus", "beta": beta, "threshold": threshold}


def dropout(p):
    return {"type": "dropout", "p": p}


# Loss templates: the loss object without "reduction" (case() puts it second).
MSE = {"type": "mse"}
L1 = {"type": "l1"}


def huber(delta=1.0):
    return {"type": "huber", "delta": delta}


def cross_entropy(label_smoothing=0.0, weight=None):
    loss = {"type": "cross_entropy", "label_smoothing": label_smoothing}
    if weight is not None:
        loss["weight"] = weight
    return loss


def nll(weight=None):
    return {"type": "nll"} if weight is None else {"type": "nll", "weight": weight}


def bce_with_logits(pos_weight=None):
    return {"type": "bce_with_logits"} if pos_weight is None else {"type": "bce_with_logits",
                                                                  "pos_weight": pos_weight}


def adamw(lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01, amsgrad=False):
    return {"type": "adamw", "lr": lr, "betas": list(betas), "eps": eps,
            "weight_decay": weight_decay, "amsgrad": amsgrad}


def step_lr(step_size, gamma):
    return {"type": "step_lr", "step_size": step_size, "gamma": gamma}


def cosine_annealing(t_max, eta_min=0.0):
    return {"type": "cosine_annealing", "t_max": t_max, "eta_min": eta_min}


def case(base, group, model, batch, reduction="mean", *, seed_name=None, input_scale=1.0,
         target_scale=1.0, target_offset=0.0, exact_zero=None, saturate=None, train=None, steps=10,
         loose_ok=False, loss=MSE, targets=None, exact=None, scheduler=None, accept=None):
    """One case definition (written once per dtype).

    exact_zero: list of model indices of relu/leaky_relu layers whose
    pre-activations must contain exact zeros; the parameters and the input are
    then built from short dyadic fractions (see build_exact_zero_data).
    saturate: list of model indices of sigmoid/tanh layers whose every
    pre-activation must be at least SATURATED in magnitude (the seed is varied
    deterministically until that holds), so their gradient is ~0 both exactly
    and in float32 rather than ill-conditioned.
    loose_ok: the case may carry a "tolerance" looser than the default (TOL_LADDER).
    loss: the loss object without "reduction" (MSE, L1, huber(...), cross_entropy(...), ...);
    a "weight" / "pos_weight" is given as a list and written as a tensor.
    targets: "regression" (randn * target_scale + target_offset), "class" (class indices),
    "prob" (class probabilities: softmax of randn * target_scale) or "binary" (each element
    0, 1 or uniform in [0, 1)); None picks the natural kind for the loss.
    exact: {"values": V, "targets": T (optional)}: the first Linear layer's output is made
    exactly V (a [batch][out] list of short dyadic fractions; see build_exact_outputs), and
    the target is T when given (class indices, or a [batch][out] list).
    scheduler: the "scheduler" object of the training run, or None.
    accept: predicate (output, target) that the drawn data must satisfy (the seed is
    varied deterministically until it does).
    """
    if targets is None:
        targets = {"mse": "regression", "l1": "regression", "huber": "regression",
                   "cross_entropy": "class", "nll": "class", "bce_with_logits": "binary"}[loss["type"]]
    return {"base": base, "group": group, "model": model, "batch": batch,
            "reduction": reduction, "seed_name": seed_name or base,
            "input_scale": input_scale, "target_scale": target_scale,
            "target_offset": target_offset, "exact_zero": exact_zero, "saturate": saturate,
            "train": train, "steps": steps, "loose_ok": loose_ok, "loss": loss,
            "targets": targets, "exact": exact, "scheduler": scheduler, "accept": accept}


def case_definitions():
    defs = []

    # The notebook example: Linear(10, 2), batch 8, MSE mean.
    defs.append(case("notebook_linear_10x2_batch8_mean", "notebook", [lin(10, 2)], 8))

    # Every layer type after a Linear, both reductions.
    layer_variants = [
        ("linear", [lin(6, 4)]),
        ("linear_nobias", [lin(6, 4, bias=False)]),
        ("linear_relu", [lin(6, 4), RELU]),
        ("linear_leaky_relu_0p01", [lin(6, 4), leaky(0.01)]),
        ("linear_leaky_relu_0p2", [lin(6, 4), leaky(0.2)]),
        ("linear_sigmoid", [lin(6, 4), SIGMOID]),
        ("linear_tanh", [lin(6, 4), TANH]),
        ("linear_identity", [lin(6, 4), IDENTITY]),
    ]
    for prefix, model in layer_variants:
        for red in ("mean", "sum"):
            defs.append(case(f"{prefix}_6x4_batch5_{red}", "layers", model, 5, red))

    # Shapes: batch 1, one output, many outputs, in = 1, 1x1.
    defs += [
        case("linear_relu_4x3_batch1_mean", "shapes", [lin(4, 3), RELU], 1),
        case("linear_tanh_4x3_batch1_sum", "shapes", [lin(4, 3), TANH], 1, "sum"),
        case("linear_5x1_batch4_mean", "shapes", [lin(5, 1)], 4),
        case("linear_sigmoid_5x1_batch4_sum", "shapes", [lin(5, 1), SIGMOID], 4, "sum"),
        case("linear_tanh_4x5_batch6_mean", "shapes", [lin(4, 5), TANH], 6),
        case("linear_sigmoid_3x7_batch4_mean", "shapes", [lin(3, 7), SIGMOID], 4),
        case("linear_7x5_batch3_sum", "shapes", [lin(7, 5)], 3, "sum"),
        case("linear_relu_1x4_batch5_mean", "shapes", [lin(1, 4), RELU], 5),
        case("linear_1x1_batch6_mean", "shapes", [lin(1, 1)], 6),
        case("linear_1x1_batch6_sum", "shapes", [lin(1, 1)], 6, "sum"),
        case("linear_1x1_batch1_mean", "shapes", [lin(1, 1)], 1),
        case("linear_nobias_1x1_batch3_mean", "shapes", [lin(1, 1, bias=False)], 3),
    ]

    # Networks 1 to 4 Linear layers deep, mixed activations, layers without bias.
    defs += [
        case("deep1_4x3_tanh_batch6_mean", "deep", [lin(4, 3), TANH], 6),
        case("deep2_4x8x3_relu_batch6_mean", "deep", [lin(4, 8), RELU, lin(8, 3)], 6),
        case("deep2_4x8x3_sigmoid_batch6_sum", "deep", [lin(4, 8), SIGMOID, lin(8, 3)], 6, "sum"),
        case("deep3_4x8x8x3_relu_tanh_batch6_mean", "deep",
             [lin(4, 8), RELU, lin(8, 8), TANH, lin(8, 3)], 6),
        case("deep4_4x8x8x6x3_relu_tanh_sigmoid_batch6_mean", "deep",
             [lin(4, 8), RELU, lin(8, 8), TANH, lin(8, 6), SIGMOID, lin(6, 3)], 6),
        case("deep4_4x8x8x6x3_relu_tanh_sigmoid_batch6_sum", "deep",
             [lin(4, 8), RELU, lin(8, 8), TANH, lin(8, 6), SIGMOID, lin(6, 3)], 6, "sum"),
        case("deep4_5x7x6x4x2_leaky_identity_sigmoid_tanh_batch7_mean", "deep",
             [lin(5, 7), leaky(0.2), lin(7, 6), IDENTITY, lin(6, 4), SIGMOID, lin(4, 2), TANH], 7),
        case("deep3_nobias_hidden_4x8x6x3_batch5_mean", "deep",
             [lin(4, 8), RELU, lin(8, 6, bias=False), TANH, lin(6, 3)], 5),
        case("deep4_nobias_mixed_4x8x6x5x3_batch5_sum", "deep",
             [lin(4, 8, bias=False), RELU, lin(8, 6), TANH, lin(6, 5, bias=False), leaky(0.01),
              lin(5, 3, bias=False)], 5, "sum"),
        case("deep2_nobias_all_3x6x2_batch4_mean", "deep",
             [lin(3, 6, bias=False), SIGMOID, lin(6, 2, bias=False)], 4),
    ]

    # Pre-activations exactly 0 (pins the gradient convention at 0).
    defs += [
        case("relu_zero_preact_4x5_batch6_mean", "edge", [lin(4, 5), RELU], 6, exact_zero=[1]),
        case("leaky_relu_0p01_zero_preact_4x5_batch6_mean", "edge", [lin(4, 5), leaky(0.01)], 6,
             exact_zero=[1]),
        case("leaky_relu_0p2_zero_preact_4x5_batch6_sum", "edge", [lin(4, 5), leaky(0.2)], 6, "sum",
             exact_zero=[1]),
        case("deep_relu_zero_preact_4x6x5x3_batch6_mean", "edge",
             [lin(4, 6), RELU, lin(6, 5), RELU, lin(5, 3)], 6, exact_zero=[1, 3]),
        case("deep_leaky_relu_zero_preact_4x6x5x3_batch6_mean", "edge",
             [lin(4, 6), leaky(0.2), lin(6, 5), leaky(0.01), lin(5, 3)], 6, exact_zero=[1, 3]),
        case("deep_mixed_zero_preact_4x6x5x4x2_batch6_sum", "edge",
             [lin(4, 6), RELU, lin(6, 5), leaky(0.2), lin(5, 4, bias=False), TANH, lin(4, 2)], 6,
             "sum", exact_zero=[1, 3]),
    ]

    # Large magnitudes: saturated sigmoid / tanh, large targets; loss stays finite.
    defs += [
        case("large_input_sigmoid_saturated_3x4x2_batch5_mean", "edge",
             [lin(3, 4), SIGMOID, lin(4, 2)], 5, input_scale=5000.0, target_scale=1000.0, saturate=[1], loose_ok=True),
        case("large_input_tanh_saturated_3x4x2_batch5_sum", "edge",
             [lin(3, 4), TANH, lin(4, 2)], 5, "sum", input_scale=2000.0, target_scale=500.0,
             target_offset=100.0, saturate=[1], loose_ok=True),
        case("large_input_relu_4x6x2_batch4_mean", "edge",
             [lin(4, 6), RELU, lin(6, 2)], 4, input_scale=3000.0, target_scale=5000.0, loose_ok=True),
        case("large_input_linear_5x3_batch4_sum", "edge", [lin(5, 3)], 4, "sum",
             input_scale=10000.0, target_scale=10000.0, loose_ok=True),
        case("large_target_sigmoid_out_3x2_batch4_mean", "edge", [lin(3, 2), SIGMOID], 4,
             input_scale=1000.0, target_scale=1000.0, saturate=[1], loose_ok=True),
    ]

    # Optional fields omitted: "bias" defaults to true, "negative_slope" to 0.01.
    defs.append(case("defaults_omitted_4x3_leaky_relu_batch4_mean", "edge",
                     [{"type": "linear", "in": 4, "out": 3}, {"type": "leaky_relu"}], 4))

    # Training runs: 3 -> 5 tanh -> 2, batch 6, 10 steps, same start for every optimizer.
    tnet = [lin(3, 5), TANH, lin(5, 2)]
    trains = [
        ("train_sgd_lr0p1", sgd(0.1)),
        ("train_sgd_momentum0p9", sgd(0.1, momentum=0.9)),
        ("train_sgd_nesterov_momentum0p9", sgd(0.1, momentum=0.9, dampening=0.0, nesterov=True)),
        ("train_sgd_weight_decay0p01", sgd(0.1, weight_decay=0.01)),
        ("train_sgd_momentum0p9_dampening0p5", sgd(0.1, momentum=0.9, dampening=0.5)),
        ("train_adam_lr0p01", adam(0.01)),
        ("train_adam_weight_decay0p01", adam(0.01, weight_decay=0.01)),
        ("train_adam_amsgrad", adam(0.01, amsgrad=True)),
    ]
    for prefix, opt in trains:
        defs.append(case(f"{prefix}_3x5x2_tanh_batch6_mean", "train", tnet, 6, train=opt,
                         seed_name="train_3x5x2_tanh_batch6"))
    # lr 0.01 over 10 steps barely lets the second moment fall, so AMSGrad's max is
    # hardly visible in float32; this run makes it matter in both dtypes.
    defs.append(case("train_adam_amsgrad_lr0p1_steps20_3x5x2_tanh_batch6_mean", "train", tnet, 6,
                     train=adam(0.1, amsgrad=True), steps=20, seed_name="train_3x5x2_tanh_batch6"))
    defs.append(case("train_adam_relu_leaky_nobias_4x6x5x2_batch6_sum", "train",
                     [lin(4, 6), RELU, lin(6, 5, bias=False), leaky(0.2), lin(5, 2)], 6, "sum",
                     train=adam(0.01)))
    defs.append(case("train_sgd_nesterov_wd_deep_4x6x5x2_batch6_mean", "train",
                     [lin(4, 6), SIGMOID, lin(6, 5), RELU, lin(5, 2, bias=False)], 6,
                     train=sgd(0.05, momentum=0.8, weight_decay=0.01, nesterov=True)))
    return defs + new_case_definitions()


def grid(batch, out, base=None):
    """A deterministic [batch][out] list of short dyadic fractions: column j holds
    base[j] (default 0) plus an offset k/4, |k| <= 4, that varies with row and column.
    Exact in float32 for |base| up to 2^16."""
    base = base or [0.0] * out
    return [[float(base[j]) + ((s * 5 + j * 7 + 3) % 9 - 4) / 4 for j in range(out)] for s in range(batch)]


def minus(a, b):
    return [[x - y for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def both_sides_of_delta(delta):
    def accept(out, target):
        d = (out - target).abs()
        return bool((d < delta).any()) and bool((d > delta).any())
    return accept


def mixed_classes(out, target):
    return len(set(target.tolist())) > 1


# Exact pre-activations for the activation edge cases (batch 6, 4 units): zeros,
# both tails, and for softplus beta * x exactly at, just below and just above threshold.
EXACT_POINTS = {
    "gelu": [[0, -10, 10, -0.5], [0, 6, -6, 0.5], [-3, 3, 0, 1.25],
             [0, -1, 2.5, -2.25], [-4.5, 0, 0.125, -0.125], [8, -8, 0, 1]],
    "silu": [[0, -10, 10, 0.5], [0, -20, 20, -0.5], [-1, 1, 0, 3],
             [0, -5, 5, 0.25], [2, -2, 0, -0.125], [-30, 30, 0, 1]],
    "elu": [[0, -10, 0.5, -0.5], [0, -0.125, 0.125, 3], [-1, 0, 2, -3],
            [0, -20, 1.5, -0.25], [0.25, 0, -2, 4], [-6, 1, 0, -0.75]],
    # beta 2, threshold 5: beta * x == 5 at x = 2.5
    "softplus_beta2_threshold5": [[2.5, 2.375, 2.625, 0], [2.5, -2.5, 10, -10], [0, 1, -1, 2.5],
                                  [3, 2.4375, 2.5625, 0.5], [-0.5, 0, 2.5, 6], [2, -20, 0, 5]],
    # beta 1, threshold 20: x == 20 exactly
    "softplus_beta1_threshold20": [[20, 19.5, 20.5, 0], [0, -20, 20, 1], [-1, 19.875, 20.125, 0],
                                   [10, -10, 0.5, -0.5], [20, 0, 25, -30], [2, -2, 20, 0]],
}

# Logits near +-1e4 (columns near 1e4, -1e4, 1e4 - 2, 0), exact in both dtypes.
LOGITS_1E4 = grid(6, 4, base=[1e4, -1e4, 1e4 - 2, 0.0])
# Rows of large values for softmax / log_softmax: one row all equal, one with a gap of 100.
LARGE_ROWS = [[1e4, 1e4, 1e4, 1e4], [1e4 + 0.5, 1e4 - 0.25, 1e4, 1e4 - 2],
              [1e4 - 30, 1e4, 1e4 + 1, 1e4 - 0.5], [1e4 + 3, 1e4 + 3, 1e4 - 3, 1e4],
              [1e4, 1e4 - 100, 1e4 - 0.125, 1e4 + 0.125]]
# Output - target differences for the Huber (delta 1 and 0.5) and L1 edge cases.
HUBER_DIFFS = [[1, -1, 0.5, -0.5], [2, -2, 1, 0], [-1, 1.125, -0.875, 3],
               [0.25, -1, 1, -4], [1, 1, -1, -1], [0, 0.75, -1.5, 1]]
L1_DIFFS = [[0, 0.5, -0.5, 0], [1, 0, -1, 0.25], [0, 0, 2, -2],
            [-0.125, 0, 0.125, 0], [3, -3, 0, 1], [0, 0.25, 0, -0.25]]


def new_case_definitions():
    """Cases for the losses, layers, optimizer and schedules added to version 1 of the
    format (the first 124 cases above are unchanged by them)."""
    defs = []
    both = ("mean", "sum")
    w4 = [1.0, 2.0, 0.5, 3.0]

    # losses/: every new loss after Linear(6, 4) (and a few after another layer), both reductions.
    loss_variants = [
        ("l1_linear_6x4_batch5", [lin(6, 4)], 5, L1, {}),
        ("huber_delta1_linear_6x4_batch5", [lin(6, 4)], 5, huber(1.0),
         {"target_scale": 1.5, "accept": both_sides_of_delta(1.0)}),
        ("huber_delta0p5_tanh_6x4_batch5", [lin(6, 4), TANH], 5, huber(0.5),
         {"accept": both_sides_of_delta(0.5)}),
        ("cross_entropy_linear_6x4_batch5", [lin(6, 4)], 5, cross_entropy(), {}),
        ("cross_entropy_weight_linear_6x4_batch5", [lin(6, 4)], 5, cross_entropy(weight=w4),
         {"accept": mixed_classes}),
        ("cross_entropy_label_smoothing0p1_linear_6x4_batch5", [lin(6, 4)], 5, cross_entropy(0.1), {}),
        ("cross_entropy_label_smoothing0p2_weight_linear_6x4_batch5", [lin(6, 4)], 5,
         cross_entropy(0.2, weight=w4), {"accept": mixed_classes}),
        ("cross_entropy_prob_target_linear_6x4_batch5", [lin(6, 4)], 5, cross_entropy(),
         {"targets": "prob"}),
        ("cross_entropy_prob_target_label_smoothing0p1_linear_6x4_batch5", [lin(6, 4)], 5,
         cross_entropy(0.1), {"targets": "prob", "target_scale": 2.0}),
        ("cross_entropy_two_classes_linear_5x2_batch6", [lin(5, 2)], 6, cross_entropy(), {}),
        ("cross_entropy_weight_two_classes_linear_5x2_batch6", [lin(5, 2)], 6,
         cross_entropy(weight=[0.25, 1.5]), {"accept": mixed_classes}),
        ("cross_entropy_batch1_linear_6x4", [lin(6, 4)], 1, cross_entropy(), {}),
        ("cross_entropy_weight_label_smoothing0p1_batch1_linear_6x4", [lin(6, 4)], 1,
         cross_entropy(0.1, weight=w4), {}),
        ("nll_log_softmax_linear_6x4_batch5", [lin(6, 4), LOG_SOFTMAX], 5, nll(), {}),
        ("nll_weight_log_softmax_linear_6x4_batch5", [lin(6, 4), LOG_SOFTMAX], 5, nll(w4),
         {"accept": mixed_classes}),
        ("bce_with_logits_linear_6x4_batch5", [lin(6, 4)], 5, bce_with_logits(), {}),
        ("bce_with_logits_pos_weight_linear_6x4_batch5", [lin(6, 4)], 5,
         bce_with_logits([0.5, 2.0, 3.0, 1.0]), {"input_scale": 2.0}),
        ("bce_with_logits_pos_weight_one_output_linear_6x1_batch5", [lin(6, 1)], 5,
         bce_with_logits([3.0]), {}),
        ("bce_with_logits_batch1_linear_4x3", [lin(4, 3)], 1, bce_with_logits(), {}),
    ]
    for prefix, model, batch, loss, kw in loss_variants:
        for red in both:
            defs.append(case(f"{prefix}_{red}", "losses", model, batch, red, loss=loss, **kw))

    # activations/: every new activation after Linear(6, 4), inputs spread by 2, both reductions.
    act_variants = [
        ("gelu", GELU), ("gelu_tanh", GELU_TANH), ("silu", SILU), ("elu_alpha1", elu(1.0)),
        ("elu_alpha0p5", elu(0.5)), ("softplus_beta1_threshold20", softplus(1.0, 20.0)),
        ("softplus_beta2_threshold5", softplus(2.0, 5.0)),
        ("softplus_beta0p5_threshold1", softplus(0.5, 1.0)),
    ]
    for prefix, layer in act_variants:
        for red in both:
            defs.append(case(f"linear_{prefix}_6x4_batch5_{red}", "activations", [lin(6, 4), layer], 5,
                             red, input_scale=2.0))
    # Exact pre-activations: 0 (ELU's gradient there is alpha), both tails, softplus's threshold.
    exact_acts = [
        ("gelu", GELU, "gelu"), ("gelu_tanh", GELU_TANH, "gelu"), ("silu", SILU, "silu"),
        ("elu_alpha1", elu(1.0), "elu"), ("elu_alpha0p5", elu(0.5), "elu"),
        ("softplus_beta2_threshold5", softplus(2.0, 5.0), "softplus_beta2_threshold5"),
        ("softplus_beta1_threshold20", softplus(1.0, 20.0), "softplus_beta1_threshold20"),
    ]
    for i, (prefix, layer, points) in enumerate(exact_acts):
        red = both[i % 2]
        defs.append(case(f"{prefix}_exact_points_8x4_batch6_{red}", "activations", [lin(8, 4), layer], 6,
                         red, exact={"values": EXACT_POINTS[points]}))

    # softmax/: softmax and log_softmax layers, followed by MSE, L1 or NLL; rows of large values.
    defs += [
        case("softmax_mse_linear_6x4_batch5_mean", "softmax", [lin(6, 4), SOFTMAX], 5),
        case("softmax_mse_linear_6x4_batch5_sum", "softmax", [lin(6, 4), SOFTMAX], 5, "sum"),
        case("log_softmax_mse_linear_6x4_batch5_mean", "softmax", [lin(6, 4), LOG_SOFTMAX], 5),
        case("log_softmax_mse_linear_6x4_batch5_sum", "softmax", [lin(6, 4), LOG_SOFTMAX], 5, "sum"),
        case("softmax_mse_two_classes_linear_5x2_batch4_mean", "softmax", [lin(5, 2), SOFTMAX], 4),
        case("softmax_mse_one_output_linear_4x1_batch3_mean", "softmax", [lin(4, 1), SOFTMAX], 3),
        case("softmax_l1_prob_target_linear_6x4_batch5_mean", "softmax", [lin(6, 4), SOFTMAX], 5,
             loss=L1, targets="prob"),
        case("softmax_hidden_4x6x3_relu_batch5_mean", "softmax",
             [lin(4, 6), SOFTMAX, lin(6, 3), RELU], 5),
        case("log_softmax_hidden_4x6x3_batch5_sum", "softmax", [lin(4, 6), LOG_SOFTMAX, lin(6, 3)], 5, "sum"),
        case("softmax_large_rows_mse_7x4_batch5_mean", "softmax", [lin(7, 4), SOFTMAX], 5,
             exact={"values": LARGE_ROWS}),
        case("log_softmax_large_rows_mse_7x4_batch5_mean", "softmax", [lin(7, 4), LOG_SOFTMAX], 5,
             exact={"values": LARGE_ROWS}, target_scale=3.0, target_offset=-3.0),
        case("log_softmax_large_rows_nll_7x4_batch5_sum", "softmax", [lin(7, 4), LOG_SOFTMAX], 5, "sum",
             loss=nll(), exact={"values": LARGE_ROWS, "targets": [0, 1, 0, 2, 1]}),
        case("log_softmax_large_negative_rows_nll_7x4_batch5_mean", "softmax", [lin(7, 4), LOG_SOFTMAX], 5,
             loss=nll(), exact={"values": [[v - 2e4 for v in row] for row in LARGE_ROWS],
                                "targets": [3, 1, 0, 2, 2]}),
    ]

    # dropout/: eval mode only (the identity); no training run, its masks are random.
    dnet = [lin(5, 8), dropout(0.0), GELU, lin(8, 6), dropout(0.3), TANH, lin(6, 3), dropout(0.9)]
    defs += [
        case("dropout_p0_p0p3_p0p9_5x8x6x3_batch6_mean", "dropout", dnet, 6),
        case("dropout_p0_p0p3_p0p9_5x8x6x3_batch6_sum", "dropout", dnet, 6, "sum"),
        case("dropout_p0p5_silu_cross_entropy_6x8x4_batch5_mean", "dropout",
             [lin(6, 8), SILU, dropout(0.5), lin(8, 4)], 5, loss=cross_entropy()),
    ]

    # deep2/: deeper networks mixing the new activations, with the new losses.
    defs += [
        case("deep4_5x8x8x6x3_gelu_silu_elu_cross_entropy_batch7_mean", "deep2",
             [lin(5, 8), GELU, lin(8, 8), SILU, lin(8, 6), elu(1.0), lin(6, 3)], 7, loss=cross_entropy()),
        case("deep4_5x8x8x6x3_gelu_silu_elu_cross_entropy_batch7_sum", "deep2",
             [lin(5, 8), GELU, lin(8, 8), SILU, lin(8, 6), elu(1.0), lin(6, 3)], 7, "sum",
             loss=cross_entropy()),
        case("deep4_4x8x6x6x2_gelu_tanh_softplus_silu_bce_pos_weight_batch6_mean", "deep2",
             [lin(4, 8), GELU_TANH, lin(8, 6), softplus(2.0, 5.0), lin(6, 6, bias=False), SILU, lin(6, 2)],
             6, loss=bce_with_logits([2.0, 0.5])),
        case("deep3_5x8x6x4_elu0p5_gelu_log_softmax_nll_weight_batch6_mean", "deep2",
             [lin(5, 8), elu(0.5), lin(8, 6), GELU, lin(6, 4), LOG_SOFTMAX], 6, loss=nll(w4),
             accept=mixed_classes),
        case("deep3_4x7x6x3_softplus_silu_huber_batch5_sum", "deep2",
             [lin(4, 7), softplus(1.0, 20.0), lin(7, 6), SILU, lin(6, 3)], 5, "sum", loss=huber(0.5),
             target_scale=2.0, accept=both_sides_of_delta(0.5)),
        case("deep3_4x6x6x4_silu_softmax_gelu_tanh_mse_batch5_mean", "deep2",
             [lin(4, 6), SILU, lin(6, 6), SOFTMAX, lin(6, 4), GELU_TANH], 5),
        case("deep4_4x8x6x5x3_leaky_gelu_relu_elu_l1_batch6_mean", "deep2",
             [lin(4, 8), leaky(0.2), lin(8, 6), GELU, lin(6, 5), RELU, lin(5, 3), elu(1.0)], 6, loss=L1),
        case("deep3_6x8x8x4_gelu_tanh_dropout_cross_entropy_label_smoothing_weight_batch8_sum", "deep2",
             [lin(6, 8), GELU_TANH, dropout(0.25), lin(8, 8), SILU, lin(8, 4)], 8, "sum",
             loss=cross_entropy(0.1, weight=w4)),
    ]

    # edge2/: logits near +-1e4, Huber at exactly +-delta, L1 at exactly 0 difference,
    # and the optional fields of the new layers and losses omitted.
    ce_targets = [0, 1, 2, 3, 1, 0]
    x8 = [lin(8, 4)]
    defs += [
        case("cross_entropy_logits_1e4_8x4_batch6_mean", "edge2", x8, 6, loss=cross_entropy(),
             exact={"values": LOGITS_1E4, "targets": ce_targets}),
        case("cross_entropy_logits_1e4_8x4_batch6_sum", "edge2", x8, 6, "sum", loss=cross_entropy(),
             exact={"values": LOGITS_1E4, "targets": ce_targets}),
        case("cross_entropy_logits_1e4_weight_label_smoothing0p1_8x4_batch6_mean", "edge2", x8, 6,
             loss=cross_entropy(0.1, weight=w4), exact={"values": LOGITS_1E4, "targets": ce_targets}),
        case("cross_entropy_logits_1e4_weight_label_smoothing0p1_8x4_batch6_sum", "edge2", x8, 6, "sum",
             loss=cross_entropy(0.1, weight=w4), exact={"values": LOGITS_1E4, "targets": ce_targets}),
        case("cross_entropy_prob_target_logits_1e4_8x4_batch6_mean", "edge2", x8, 6,
             loss=cross_entropy(), targets="prob", exact={"values": LOGITS_1E4}),
        case("nll_weight_log_softmax_logits_1e4_8x4_batch6_mean", "edge2", [lin(8, 4), LOG_SOFTMAX], 6,
             loss=nll(w4), exact={"values": LOGITS_1E4, "targets": ce_targets}),
        case("bce_with_logits_logits_1e4_8x4_batch6_mean", "edge2", x8, 6, loss=bce_with_logits(),
             exact={"values": LOGITS_1E4}),
        case("bce_with_logits_logits_1e4_8x4_batch6_sum", "edge2", x8, 6, "sum", loss=bce_with_logits(),
             exact={"values": LOGITS_1E4}),
        case("bce_with_logits_pos_weight_logits_1e4_8x4_batch6_mean", "edge2", x8, 6,
             loss=bce_with_logits([0.5, 2.0, 3.0, 1.0]), exact={"values": LOGITS_1E4}),
        case("huber_delta1_at_delta_8x4_batch6_mean", "edge2", x8, 6, loss=huber(1.0),
             exact={"values": grid(6, 4), "targets": minus(grid(6, 4), HUBER_DIFFS)}),
        case("huber_delta1_at_delta_8x4_batch6_sum", "edge2", x8, 6, "sum", loss=huber(1.0),
             exact={"values": grid(6, 4), "targets": minus(grid(6, 4), HUBER_DIFFS)}),
        case("huber_delta0p5_at_delta_8x4_batch6_mean", "edge2", x8, 6, loss=huber(0.5),
             exact={"values": grid(6, 4), "targets": minus(grid(6, 4),
                                                           [[v / 2 for v in r] for r in HUBER_DIFFS])}),
        case("l1_exact_zero_difference_8x4_batch6_mean", "edge2", x8, 6, loss=L1,
             exact={"values": grid(6, 4), "targets": minus(grid(6, 4), L1_DIFFS)}),
        case("l1_exact_zero_difference_8x4_batch6_sum", "edge2", x8, 6, "sum", loss=L1,
             exact={"values": grid(6, 4), "targets": minus(grid(6, 4), L1_DIFFS)}),
        # "bias", "approximate", "alpha", "beta", "threshold", "delta" omitted.
        case("defaults_omitted_gelu_elu_softplus_huber_4x5x5x3_batch5_mean", "edge2",
             [{"type": "linear", "in": 4, "out": 5}, {"type": "gelu"}, lin(5, 5), {"type": "elu"},
              lin(5, 3), {"type": "softplus"}], 5, loss={"type": "huber"}, target_scale=2.0),
        # "label_smoothing" and the scheduler's "eta_min" omitted.
        case("defaults_omitted_cross_entropy_cosine_4x5x3_batch6_mean", "edge2",
             [lin(4, 5), TANH, lin(5, 3)], 6, loss={"type": "cross_entropy"}, train=adamw(0.05),
             scheduler={"type": "cosine_annealing", "t_max": 4}, steps=6),
    ]

    # optim/: AdamW, and the other optimizers with the new losses.
    tnet = [lin(3, 5), TANH, lin(5, 2)]
    tseed = "train_3x5x2_tanh_batch6"
    for prefix, opt, steps in [
        ("train_adamw_lr0p01_wd0p01", adamw(0.01, weight_decay=0.01), 10),
        ("train_adamw_lr0p01_wd0p1", adamw(0.01, weight_decay=0.1), 10),
        ("train_adamw_lr0p01_wd0", adamw(0.01, weight_decay=0.0), 10),
        ("train_adamw_amsgrad_lr0p1_wd0p05_steps20", adamw(0.1, weight_decay=0.05, amsgrad=True), 20),
    ]:
        defs.append(case(f"{prefix}_3x5x2_tanh_batch6_mean", "optim", tnet, 6, train=opt, steps=steps,
                         seed_name=tseed))
    cnet = [lin(4, 6), GELU, lin(6, 3)]
    defs += [
        case("train_adamw_cross_entropy_label_smoothing0p1_gelu_4x6x3_batch8_mean", "optim", cnet, 8,
             loss=cross_entropy(0.1), train=adamw(0.02, weight_decay=0.05), steps=12),
        case("train_sgd_momentum_cross_entropy_weight_silu_4x6x3_batch8_mean", "optim",
             [lin(4, 6), SILU, lin(6, 3)], 8, loss=cross_entropy(weight=[1.0, 2.0, 0.5]),
             train=sgd(0.1, momentum=0.9), steps=12, accept=mixed_classes),
        case("train_sgd_nesterov_cross_entropy_prob_target_4x6x3_batch8_sum", "optim", cnet, 8, "sum",
             loss=cross_entropy(), targets="prob", train=sgd(0.05, momentum=0.9, nesterov=True)),
        case("train_adam_bce_with_logits_pos_weight_elu_4x6x3_batch6_sum", "optim",
             [lin(4, 6), elu(1.0), lin(6, 3)], 6, "sum", loss=bce_with_logits([2.0, 1.0, 0.5]),
             train=adam(0.01)),
        case("train_sgd_huber_softplus_4x6x3_batch6_mean", "optim",
             [lin(4, 6), softplus(2.0, 5.0), lin(6, 3)], 6, loss=huber(0.5), target_scale=2.0,
             train=sgd(0.2, momentum=0.5)),
        case("train_adamw_nll_log_softmax_silu_4x6x3_batch8_mean", "optim",
             [lin(4, 6), SILU, lin(6, 3), LOG_SOFTMAX], 8, loss=nll([1.0, 0.5, 2.0]),
             train=adamw(0.01, weight_decay=0.1), accept=mixed_classes),
        # L1 trains with SGD: its gradient is a sum of signs, exactly 0 for a balanced
        # column, and Adam would turn float32's 1e-8 there into a full step of lr.
        case("train_sgd_momentum_l1_gelu_tanh_4x6x3_batch6_mean", "optim", [lin(4, 6), GELU_TANH, lin(6, 3)], 6,
             loss=L1, target_scale=2.0, train=sgd(0.1, momentum=0.9)),
    ]

    # schedules/: step_lr and cosine_annealing with SGD, Adam and AdamW, crossing step
    # boundaries, the cosine half-period and T_max (the recursive formula), eta_min > 0 once.
    for prefix, opt, sched, steps in [
        ("train_sgd_step_lr_s3_g0p5_steps10", sgd(0.2), step_lr(3, 0.5), 10),
        ("train_sgd_momentum_step_lr_s2_g0p8_steps9", sgd(0.1, momentum=0.9), step_lr(2, 0.8), 9),
        ("train_adam_step_lr_s4_g0p1_steps12", adam(0.05), step_lr(4, 0.1), 12),
        ("train_adamw_step_lr_s3_g0p5_steps10", adamw(0.05, weight_decay=0.1), step_lr(3, 0.5), 10),
        ("train_sgd_cosine_t5_steps12", sgd(0.2), cosine_annealing(5), 12),
        ("train_sgd_momentum_cosine_t3_steps14", sgd(0.05, momentum=0.9), cosine_annealing(3), 14),
        ("train_adam_cosine_t6_steps10", adam(0.05), cosine_annealing(6), 10),
        ("train_adamw_cosine_t4_eta_min0p002_steps12", adamw(0.05, weight_decay=0.05),
         cosine_annealing(4, 0.002), 12),
    ]:
        defs.append(case(f"{prefix}_3x5x2_tanh_batch6_mean", "schedules", tnet, 6, train=opt,
                         scheduler=sched, steps=steps, seed_name=tseed))
    defs += [
        case("train_adamw_cosine_t8_steps8_cross_entropy_gelu_4x6x3_batch8_mean", "schedules", cnet, 8,
             loss=cross_entropy(), train=adamw(0.05), scheduler=cosine_annealing(8), steps=8),
        case("train_sgd_step_lr_s2_g0p5_bce_with_logits_silu_4x6x3_batch6_sum", "schedules",
             [lin(4, 6), SILU, lin(6, 3)], 6, "sum", loss=bce_with_logits(), train=sgd(0.1, momentum=0.5),
             scheduler=step_lr(2, 0.5), steps=7),
    ]
    return defs


# ---------------------------------------------------------------------------
# Number and JSON formatting
# ---------------------------------------------------------------------------

def _special(x):
    if math.isnan(x):
        return '"NaN"'
    if math.isinf(x):
        return '"Infinity"' if x > 0 else '"-Infinity"'
    return None


def fmt64(x):
    x = float(x)
    s = _special(x)
    if s is not None:
        return s
    return repr(x)


def _rounds_to_f32_exactly(s, f):
    """True if decimal string s rounds (directly, and via float64) to float32 f."""
    import numpy as np
    if np.float32(float(s)).tobytes() != f.tobytes():
        return False
    # Direct decimal -> float32 rounding: s must lie strictly inside f's rounding interval.
    q = Fraction(s)
    v = Fraction(float(f))
    up = Fraction(float(np.nextafter(f, np.float32(np.inf))))
    down = Fraction(float(np.nextafter(f, np.float32(-np.inf))))
    return (v + down) / 2 < q < (v + up) / 2


def fmt32(x):
    import numpy as np
    f = np.float32(x)
    s = _special(float(f))
    if s is not None:
        return s
    s = str(f)  # shortest string that round-trips the float32 (Dragon4, numpy >= 1.14)
    if ("inf" in s or "nan" in s) or not _rounds_to_f32_exactly(s, f):
        s = repr(float(f))  # exact value of the float32, always a float64 too
    return s


class Writer:
    """Writes a case dict with a fixed, readable layout: one tensor per line."""

    def __init__(self, dtype):
        self.fmt = fmt32 if dtype == "float32" else fmt64

    def tensor(self, t):
        # Class indices are Python ints and are written as JSON integers.
        return ('{"shape": ' + json.dumps(t["shape"]) + ', "data": ['
                + ", ".join(str(v) if isinstance(v, int) else self.fmt(v) for v in t["data"]) + "]}")

    def hyper(self, obj):
        """A loss / optimizer / scheduler object on one line: floats as shortest float64
        strings (hyperparameters, as torch takes them), tensors in the case's dtype."""
        return "{" + ", ".join(json.dumps(k) + ": " + (fmt64(v) if isinstance(v, float) else
                                                       self.tensor(v) if isinstance(v, dict) else self.flat(v))
                               for k, v in obj.items()) + "}"

    @staticmethod
    def flat(obj):
        return json.dumps(obj, separators=(", ", ": "))

    def obj_lines(self, pairs, indent):
        pad = "  " * indent
        return "{\n" + ",\n".join(pad + json.dumps(k) + ": " + v for k, v in pairs) + "\n" + "  " * (indent - 1) + "}"

    def tensors(self, d, indent):
        return self.obj_lines([(k, self.tensor(v)) for k, v in d.items()], indent)

    def case(self, c):
        top = [
            ("format", json.dumps(c["format"])),
            ("name", json.dumps(c["name"])),
            ("source", json.dumps(c["source"])),
            ("dtype", json.dumps(c["dtype"])),
            ("model", "[\n" + ",\n".join("    " + self.flat(layer) for layer in c["model"]) + "\n  ]"),
            ("loss", self.hyper(c["loss"])),
            ("params", self.tensors(c["params"], 2)),
            ("input", self.tensor(c["input"])),
            ("target", self.tensor(c["target"])),
        ]
        e = c["expected"]
        top.append(("expected", self.obj_lines([
            ("output", self.tensor(e["output"])),
            ("loss", self.fmt(e["loss"])),
            ("grads", self.tensors(e["grads"], 3)),
        ], 2)))
        if "train" in c:
            t = c["train"]
            top.append(("train", self.obj_lines([("optimizer", self.hyper(t["optimizer"]))]
                                                + ([("scheduler", self.hyper(t["scheduler"]))]
                                                   if "scheduler" in t else []) + [
                ("steps", str(t["steps"])),
                ("losses", "[" + ", ".join(self.fmt(v) for v in t["losses"]) + "]"),
                ("params", self.tensors(t["params"], 3)),
            ], 2)))
        if "tolerance" in c:
            top.append(("tolerance", "{" + ", ".join(json.dumps(k) + ": " + fmt64(v)
                                                     for k, v in c["tolerance"].items()) + "}"))
        return self.obj_lines(top, 1) + "\n"


# ---------------------------------------------------------------------------
# PyTorch evaluation
# ---------------------------------------------------------------------------

def torch_dtype(dtype):
    import torch
    return {"float32": torch.float32, "float64": torch.float64}[dtype]


def build_sequential(model, dtype):
    import torch.nn as nn
    dt = torch_dtype(dtype)
    mods = []
    for layer in model:
        t = layer["type"]
        if t == "linear":
            mods.append(nn.Linear(layer["in"], layer["out"], bias=layer.get("bias", True), dtype=dt))
        elif t == "relu":
            mods.append(nn.ReLU())
        elif t == "leaky_relu":
            mods.append(nn.LeakyReLU(layer.get("negative_slope", 0.01)))
        elif t == "sigmoid":
            mods.append(nn.Sigmoid())
        elif t == "tanh":
            mods.append(nn.Tanh())
        elif t == "identity":
            mods.append(nn.Identity())
        elif t == "softmax":
            mods.append(nn.Softmax(dim=1))
        elif t == "log_softmax":
            mods.append(nn.LogSoftmax(dim=1))
        elif t == "gelu":
            mods.append(nn.GELU(approximate=layer.get("approximate", "none")))
        elif t == "silu":
            mods.append(nn.SiLU())
        elif t == "elu":
            mods.append(nn.ELU(alpha=layer.get("alpha", 1.0)))
        elif t == "softplus":
            mods.append(nn.Softplus(beta=layer.get("beta", 1.0), threshold=layer.get("threshold", 20.0)))
        elif t == "dropout":
            mods.append(nn.Dropout(layer["p"]))
        else:
            raise ValueError(t)
    # Evaluation mode: dropout is the identity (no other layer here depends on the mode).
    return nn.Sequential(*mods).eval()


def loss_object(template, reduction):
    """The case's loss object: type, reduction, then the template's other fields, with
    "weight" / "pos_weight" lists turned into tensors."""
    obj = {"type": template["type"], "reduction": reduction}
    for k, v in template.items():
        if k != "type":
            obj[k] = {"shape": [len(v)], "data": [float(e) for e in v]} if isinstance(v, list) else v
    return obj


def make_loss(loss, dtype):
    """The torch.nn loss module for a loss object (optional fields at their defaults)."""
    import torch
    import torch.nn as nn
    dt = torch_dtype(dtype)

    def vec(key):
        return torch.tensor(loss[key]["data"], dtype=dt) if key in loss else None

    t, r = loss["type"], loss["reduction"]
    if t == "mse":
        return nn.MSELoss(reduction=r)
    if t == "l1":
        return nn.L1Loss(reduction=r)
    if t == "huber":
        return nn.HuberLoss(reduction=r, delta=loss.get("delta", 1.0))
    if t == "cross_entropy":
        return nn.CrossEntropyLoss(weight=vec("weight"), reduction=r,
                                   label_smoothing=loss.get("label_smoothing", 0.0))
    if t == "nll":
        return nn.NLLLoss(weight=vec("weight"), reduction=r)
    if t == "bce_with_logits":
        return nn.BCEWithLogitsLoss(reduction=r, pos_weight=vec("pos_weight"))
    raise ValueError(t)


def tensor_json(t):
    t = t.detach().cpu()
    if not t.is_floating_point():  # class indices
        return {"shape": list(t.shape), "data": [int(v) for v in t.reshape(-1).tolist()]}
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def draw_target(d, batch, n_out, dt):
    """The random target of a case, by kind (see case())."""
    import torch
    kind = d["targets"]
    if kind == "regression":
        return torch.randn(batch, n_out, dtype=dt) * d["target_scale"] + d["target_offset"]
    if kind == "class":
        return torch.randint(0, n_out, (batch,))
    if kind == "prob":
        return torch.softmax(torch.randn(batch, n_out, dtype=dt) * d["target_scale"], dim=1)
    if kind == "binary":
        which = torch.randint(0, 3, (batch, n_out))
        u = torch.rand(batch, n_out, dtype=dt)
        return torch.where(which == 0, torch.zeros_like(u), torch.where(which == 1, torch.ones_like(u), u))
    raise ValueError(kind)


def build_exact_outputs(d, seq, dtype):
    """Make the first Linear layer's output exactly d["exact"]["values"] (V, [batch][out]).

    The input is [I | R]: an identity block (one column per sample) and two or more
    columns R of multiples of 1/4; the weight is [A | C] with C multiples of 1/8, and the
    bias holds the rounded median of each column of V (so large values such as 1e4 sit
    in the bias and the weights stay small). Then A[j, s] = V[s, j] - bias[j] - R[s] . C[j]
    is a short dyadic fraction, and every partial sum of x W^T + b is exact in float32
    whatever the summation order. Returns the input tensor."""
    import numpy as np
    import torch
    V = np.array(d["exact"]["values"], dtype=np.float64)
    b, out = V.shape
    layer = d["model"][0]
    assert layer["type"] == "linear" and layer.get("bias", True) and layer["out"] == out
    assert b == d["batch"] and layer["in"] >= b + 2, d["base"]
    gen = np.random.RandomState(zlib.crc32(d["base"].encode()) & 0x7fffffff)
    R = gen.randint(-4, 5, size=(b, layer["in"] - b)).astype(np.float64) / 4
    C = gen.randint(-4, 5, size=(out, layer["in"] - b)).astype(np.float64) / 8
    bias = np.round(np.median(V, axis=0)) + 0.0
    A = V - bias - R @ C.T
    assert np.all(np.abs(A) < 2 ** 12) and np.all(A * 32 == np.round(A * 32)), d["base"]
    x = np.concatenate([np.eye(b), R], axis=1) + 0.0
    W = np.concatenate([A.T, C], axis=1) + 0.0
    assert np.all(V.astype(np.float32) == V), d["base"]
    with torch.no_grad():
        seq[0].weight.copy_(torch.from_numpy(W))
        seq[0].bias.copy_(torch.from_numpy(bias))
    return torch.from_numpy(x).to(torch_dtype(dtype))


def exact_target(d, dt):
    import torch
    t = d["exact"]["targets"]
    if d["targets"] == "class":
        return torch.tensor(t, dtype=torch.long)
    return torch.tensor(t, dtype=dt)


def build_exact_zero_data(d, seq, x, dtype):
    """Replace the parameters and input with short dyadic fractions (weights
    k/8 in [-1/2, 1/2], inputs k/4 in [-1, 1], biases k/8) so that chosen
    pre-activations of the relu/leaky_relu layers are exactly 0.0.

    Row 1 of the input is all zeros and stays >= 0 through the network. For each Linear followed by a ReLU or
    LeakyReLU, every other output unit j gets the bias that cancels
    (W h[s])_j exactly for some sample s whose input h[s] to this layer is
    still a short dyadic fraction (for the first layer that includes the zero
    row, so that bias is 0). All arithmetic on these values is exact in float32,
    and they are small, so float32 rounding elsewhere stays far below the
    default tolerance."""
    import numpy as np
    import torch
    gen = np.random.RandomState(zlib.crc32(d["base"].encode()) & 0x7fffffff)
    model = d["model"]
    b, n_in = x.shape
    xi = gen.randint(-4, 5, size=(b, n_in)).astype(np.float64) / 4
    xi[1, :] = 0.0
    h = xi
    mods = list(seq)
    for idx, layer in enumerate(model):
        if layer["type"] == "linear":
            out, inp = layer["out"], layer["in"]
            W = gen.randint(-4, 5, size=(out, inp)).astype(np.float64) / 8
            bias = gen.randint(0, 4, size=out).astype(np.float64) / 8 if layer.get("bias", True) else None
            nxt = model[idx + 1]["type"] if idx + 1 < len(model) else None
            if (idx + 1) in d["exact_zero"] and nxt in ("relu", "leaky_relu"):
                exact = [s for s in range(b) if np.all(h[s] * 2 ** 16 == np.round(h[s] * 2 ** 16))]
                assert exact, "no dyadic sample to cancel against"
                assert bias is not None, "exact-zero layer needs a bias"
                for k, j in enumerate(range(0, out, 2)):
                    s = exact[(k + idx) % len(exact)]
                    bias[j] = -(W[j] @ h[s])
                # Negate whole rows so that the zero-input sample keeps pre-activations
                # >= 0: it then passes every ReLU/LeakyReLU unchanged and stays exact
                # for the next layer (negating a row keeps its exact zeros).
                flip = (W @ h[1] + bias) < 0
                W[flip] = -W[flip]
                bias[flip] = -bias[flip]
                W += 0.0  # no -0.0 in the written parameters
                bias += 0.0
            with torch.no_grad():
                mods[idx].weight.copy_(torch.from_numpy(W))
                if bias is not None:
                    mods[idx].bias.copy_(torch.from_numpy(bias))
            h = h @ W.T + (bias if bias is not None else 0.0)
        elif layer["type"] == "relu":
            h = np.where(h > 0, h, 0.0)
        elif layer["type"] == "leaky_relu":
            s = layer.get("negative_slope", 0.01)
            h = np.where(h > 0, h, s * h)
        elif layer["type"] == "sigmoid":
            h = 1.0 / (1.0 + np.exp(-h))
        elif layer["type"] == "tanh":
            h = np.tanh(h)
        assert np.all(np.abs(h) < 2 ** 20)
    return torch.from_numpy(xi).to(torch_dtype(dtype))


def forward_backward(seq, x, target, lossfn):
    """Forward layer by layer (exactly what nn.Sequential.forward does), keeping
    every intermediate so the exact-zero checks can look at them."""
    x = x.detach().clone().requires_grad_(True)
    acts = [x]
    h = x
    for m in seq:
        h = m(h)
        h.retain_grad()
        acts.append(h)
    loss = lossfn(h, target)
    seq.zero_grad(set_to_none=True)
    loss.backward()
    return x, acts, h, loss


def check_exact_zeros(d, acts, dtype):
    """Assert that the pre-activations of the chosen relu/leaky layers hold exact
    zeros where the upstream gradient is nonzero, and that PyTorch applied its
    documented convention there (relu: 0, leaky_relu: slope)."""
    import torch
    report = []
    for idx in d["exact_zero"]:
        layer = d["model"][idx]
        pre, post = acts[idx], acts[idx + 1]
        zero = pre.detach() == 0
        nz = int(zero.sum())
        assert nz >= 2, f"{d['base']}: only {nz} exact zeros before layer {idx}"
        assert bool((pre.detach() > 0).any()) and bool((pre.detach() < 0).any())
        up = post.grad[zero]
        assert bool((up != 0).all()), f"{d['base']}: upstream gradient is 0 at a zero pre-activation"
        slope = 0.0 if layer["type"] == "relu" else layer.get("negative_slope", 0.01)
        got = pre.grad[zero]
        want = up * torch.tensor(slope, dtype=torch_dtype(dtype))
        assert torch.equal(got, want), f"{d['base']}: gradient at 0 is not slope*upstream"
        report.append((idx, layer["type"], slope, nz))
    return report


def saturated(seq, x, indices):
    import torch
    with torch.no_grad():
        h = x
        for idx, m in enumerate(seq):
            if idx in indices and not bool((h.abs() >= SATURATED).all()):
                return False
            h = m(h)
    return True


# The convention each new activation follows at chosen exact points, as a function of
# the layer and the pre-activation: the local derivative PyTorch must use there.
def expected_local_derivative(layer, x):
    t = layer["type"]
    if x == 0 and t == "elu":
        return layer.get("alpha", 1.0)  # alpha * exp(0), not the right-hand slope 1
    if x == 0 and t in ("gelu", "silu"):
        return 0.5
    if t == "softplus":
        bx, thr = layer.get("beta", 1.0) * x, layer.get("threshold", 20.0)
        if bx > thr:
            return 1.0  # linear branch
        if bx == thr or bx == 0:
            return 1.0 / (1.0 + math.exp(-bx))  # smooth branch up to and at the threshold
    return None


def check_exact_points(d, acts, dtype):
    """At the exact pre-activations of an exact-points case, the gradient PyTorch passes
    down is the upstream gradient times the documented local derivative."""
    import torch
    report = []
    layer = d["model"][1]
    pre, post = acts[1], acts[2]
    V = d["exact"]["values"]
    assert torch.equal(pre.detach(), torch.tensor(V, dtype=torch_dtype(dtype))), d["base"]
    seen = {}
    for s_, row in enumerate(V):
        for j, v in enumerate(row):
            want = expected_local_derivative(layer, v)
            if want is None:
                continue
            up, got = float(post.grad[s_, j]), float(pre.grad[s_, j])
            assert up != 0, f"{d['base']}: upstream gradient is 0 at [{s_}, {j}]"
            assert math.isclose(got, want * up, rel_tol=1e-6), \
                f"{d['base']}: gradient at pre-activation {v} is {got / up} * upstream, not {want}"
            seen[v] = want
    assert seen, d["base"]
    for v, want in sorted(seen.items()):
        report.append(f"layer 1 {layer['type']} at {v}: local derivative {want:.9g}")
    return report


def check_loss_points(d, out, target):
    """L1 at exactly 0 difference: gradient 0; Huber at exactly +-delta: gradient +-delta
    (times 1/N for the mean), the value where both pieces meet."""
    import torch
    loss = d["loss"]
    diff = (out.detach() - target)
    scale = 1.0 / diff.numel() if d["reduction"] == "mean" else 1.0
    if loss["type"] == "l1":
        at = diff == 0
        assert int(at.sum()) >= 2 and bool((out.grad[at] == 0).all()), d["base"]
        return [f"l1: gradient 0 at {int(at.sum())} exact-zero differences"]
    delta = loss.get("delta", 1.0)
    at = diff.abs() == delta
    assert int(at.sum()) >= 2, d["base"]
    want = torch.sign(diff[at]) * delta * scale
    assert torch.allclose(out.grad[at], want, rtol=1e-6, atol=0), d["base"]
    return [f"huber: gradient +-delta at {int(at.sum())} differences of exactly +-{delta}"]


def make_optimizer(opt, params):
    import torch
    if opt["type"] == "sgd":
        return torch.optim.SGD(params, lr=opt["lr"], momentum=opt["momentum"],
                               dampening=opt["dampening"], weight_decay=opt["weight_decay"],
                               nesterov=opt["nesterov"])
    if opt["type"] == "adamw":
        return torch.optim.AdamW(params, lr=opt["lr"], betas=tuple(opt["betas"]), eps=opt["eps"],
                                 weight_decay=opt["weight_decay"], amsgrad=opt["amsgrad"])
    return torch.optim.Adam(params, lr=opt["lr"], betas=tuple(opt["betas"]), eps=opt["eps"],
                            weight_decay=opt["weight_decay"], amsgrad=opt["amsgrad"])


def make_scheduler(sched, opt):
    import torch
    if sched["type"] == "step_lr":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=sched["step_size"], gamma=sched["gamma"])
    return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=sched["t_max"],
                                                      eta_min=sched.get("eta_min", 0.0))


ACTIVATIONS_WITH_POINTS = ("gelu", "silu", "elu", "softplus")


def run_torch_case(d, dtype):
    """Evaluate one case definition in PyTorch. Returns the case dict, the exact-zero
    report (old cases), notes on the conventions checked, and the learning rate used
    in each training step (empty without a training run)."""
    import torch
    dt = torch_dtype(dtype)
    n_in = d["model"][0]["in"]
    n_out = [l for l in d["model"] if l["type"] == "linear"][-1]["out"]
    for attempt in range(1000):
        seed_text = d["seed_name"] + (f"#{attempt}" if attempt else "")
        torch.manual_seed(zlib.crc32(seed_text.encode()) & 0x7fffffff)
        seq = build_sequential(d["model"], dtype)
        x = torch.randn(d["batch"], n_in, dtype=dt) * d["input_scale"]
        target = draw_target(d, d["batch"], n_out, dt)
        ok = not d["saturate"] or saturated(seq, x, d["saturate"])
        if ok and d["accept"] is not None:
            with torch.no_grad():
                ok = d["accept"](seq(x), target)
        if ok:
            break
    else:
        raise SystemExit(f"{d['base']}: no seed gives the data the case asks for")
    if d["exact_zero"]:
        x = build_exact_zero_data(d, seq, x, dtype)
    if d["exact"]:
        x = build_exact_outputs(d, seq, dtype)
        if "targets" in d["exact"]:
            target = exact_target(d, dt)

    loss_obj = loss_object(d["loss"], d["reduction"])
    lossfn = make_loss(loss_obj, dtype)
    params0 = {k: v.detach().clone() for k, v in seq.state_dict().items()}
    xg, acts, out, loss = forward_backward(seq, x, target, lossfn)
    zero_report = check_exact_zeros(d, acts, dtype) if d["exact_zero"] else []
    notes = []
    if d["exact"] and len(d["model"]) > 1 and d["model"][1]["type"] in ACTIVATIONS_WITH_POINTS:
        notes += check_exact_points(d, acts, dtype)
    if d["exact"] and loss_obj["type"] in ("l1", "huber"):
        notes += check_loss_points(d, out, target)

    name = f"{d['base']}_{dtype}"
    c = {
        "format": FORMAT,
        "name": name,
        "source": SOURCE,
        "dtype": dtype,
        "model": d["model"],
        "loss": loss_obj,
        "params": {k: tensor_json(v) for k, v in params0.items()},
        "input": tensor_json(x),
        "target": tensor_json(target),
        "expected": {
            "output": tensor_json(out),
            "loss": float(loss.item()),
            "grads": {"input": tensor_json(xg.grad)},
        },
    }
    named = dict(seq.named_parameters())
    assert list(named) == list(params0), "state_dict and parameters differ"
    for k, p in named.items():
        c["expected"]["grads"][k] = tensor_json(p.grad)

    lrs = []
    if d["train"] is not None:
        assert not any(l["type"] == "dropout" for l in d["model"]), f"{d['base']}: dropout has no train run"
        tseq = copy.deepcopy(seq)
        tseq.load_state_dict(params0)
        opt = make_optimizer(d["train"], tseq.parameters())
        sched = make_scheduler(d["scheduler"], opt) if d["scheduler"] is not None else None
        losses = []
        for _ in range(d["steps"]):
            opt.zero_grad()
            l = lossfn(tseq(x), target)
            l.backward()
            losses.append(float(l.item()))  # before this step's update
            lrs.append(opt.param_groups[0]["lr"])
            opt.step()
            if sched is not None:
                sched.step()  # once after each optimizer step
        c["train"] = {"optimizer": d["train"]}
        if d["scheduler"] is not None:
            c["train"]["scheduler"] = d["scheduler"]
        c["train"].update({
            "steps": d["steps"],
            "losses": losses,
            "params": {k: tensor_json(v) for k, v in tseq.state_dict().items()},
        })
    return c, zero_report, notes, lrs


# ---------------------------------------------------------------------------
# Independent extended-precision reference (NumPy longdouble)
# ---------------------------------------------------------------------------

def _arr(t):
    import numpy as np
    return np.array(t["data"], dtype=np.longdouble).reshape(t["shape"])


def _ld(text):
    """An extended-precision constant from its decimal expansion (strtold)."""
    import numpy as np
    return np.longdouble(text)


PI_TEXT = "3.14159265358979323846264338327950288419716939937510"
SQRT2_TEXT = "1.41421356237309504880168872420969807856967187537694"


def _erf_series(y):
    """erf(y) = 2/sqrt(pi) exp(-y^2) sum_n 2^n y^(2n+1) / (1 3 5 ... (2n+1)):
    every term has the sign of y, so there is no cancellation (used for y < 1.5)."""
    import numpy as np
    L = np.longdouble
    y2 = y * y
    term, total, n = y, y, 0
    while abs(term) > abs(total) * L(1e-22):
        n += 1
        term = term * L(2) * y2 / L(2 * n + 1)
        total = total + term
    return L(2) / np.sqrt(_ld(PI_TEXT)) * np.exp(-y2) * total


def _erfc_scalar(y):
    """erfc(y) in extended precision: 1 - erf(y) by the series below 1.5 (erfc > 0.03 there,
    so little is lost to cancellation), and for y >= 1.5 the continued fraction
    erfc(y) = exp(-y^2)/sqrt(pi) / (y + (1/2)/(y + 1/(y + (3/2)/(y + ...)))) evaluated
    backwards from depth 400 (checked against mpmath to 1e-19 relative)."""
    import numpy as np
    L = np.longdouble
    if y < 1.5:
        return L(1) - _erf_series(y)
    f = y
    for k in range(400, 0, -1):
        f = y + L(k) / L(2) / f
    return np.exp(-y * y) / np.sqrt(_ld(PI_TEXT)) / f


def _phi(x):
    """The standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2, elementwise."""
    import numpy as np
    L = np.longdouble
    flat = [_erfc_scalar(-v / _ld(SQRT2_TEXT)) / L(2) for v in x.reshape(-1)]
    return np.array(flat, dtype=np.longdouble).reshape(x.shape)


GELU_KAPPA = "0.044715"


def _sigmoid(x):
    import numpy as np
    return np.longdouble(1) / (np.longdouble(1) + np.exp(-x))


def _log_softmax_rows(z):
    """z - max - log(sum exp(z - max)), row by row (no overflow for any finite row)."""
    import numpy as np
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def _ref_layer_forward(layer, idx, params, pre):
    import numpy as np
    L = np.longdouble
    t = layer["type"]
    if t == "linear":
        h = pre @ params[f"{idx}.weight"].T
        if layer.get("bias", True):
            h = h + params[f"{idx}.bias"]
        return h
    if t == "relu":
        return np.where(pre > 0, pre, L(0))
    if t == "leaky_relu":
        return np.where(pre > 0, pre, L(layer.get("negative_slope", 0.01)) * pre)
    if t == "sigmoid":
        return L(1) / (L(1) + np.exp(-pre))
    if t == "tanh":
        return np.tanh(pre)
    if t in ("identity", "dropout"):  # dropout in eval mode
        return pre
    if t == "softmax":
        e = np.exp(pre - pre.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    if t == "log_softmax":
        return _log_softmax_rows(pre)
    if t == "gelu":
        if layer.get("approximate", "none") == "none":
            return pre * _phi(pre)  # x Phi(x)
        k = np.sqrt(L(2) / _ld(PI_TEXT))
        return L(0.5) * pre * (L(1) + np.tanh(k * (pre + _ld(GELU_KAPPA) * pre ** 3)))
    if t == "silu":
        return pre * _sigmoid(pre)
    if t == "elu":
        return np.where(pre > 0, pre, L(layer.get("alpha", 1.0)) * np.expm1(np.minimum(pre, L(0))))
    if t == "softplus":
        beta, thr = L(layer.get("beta", 1.0)), L(layer.get("threshold", 20.0))
        bx = beta * pre
        # log(1 + exp(beta x)) / beta up to and at the threshold, x above it
        return np.where(bx > thr, pre, np.log1p(np.exp(np.minimum(bx, thr))) / beta)
    raise ValueError(t)


def _ref_layer_backward(layer, pre, post, g):
    """dLoss/d(pre) from dLoss/d(post) = g for an activation layer."""
    import numpy as np
    L = np.longdouble
    t = layer["type"]
    if t == "relu":
        return g * np.where(pre > 0, L(1), L(0))  # gradient 0 at exactly 0
    if t == "leaky_relu":
        return g * np.where(pre > 0, L(1), L(layer.get("negative_slope", 0.01)))  # slope at 0
    if t == "sigmoid":
        return g * post * (L(1) - post)
    if t == "tanh":
        return g * (L(1) - post * post)
    if t in ("identity", "dropout"):
        return g
    if t == "softmax":  # y (g - sum_c g_c y_c), row by row
        return post * (g - (g * post).sum(axis=1, keepdims=True))
    if t == "log_softmax":  # g - softmax (sum_c g_c)
        return g - np.exp(post) * g.sum(axis=1, keepdims=True)
    if t == "gelu":
        if layer.get("approximate", "none") == "none":
            # Phi(x) + x phi(x)
            dens = np.exp(-pre * pre / L(2)) / np.sqrt(L(2) * _ld(PI_TEXT))
            return g * (_phi(pre) + pre * dens)
        k, kappa = np.sqrt(L(2) / _ld(PI_TEXT)), _ld(GELU_KAPPA)
        th = np.tanh(k * (pre + kappa * pre ** 3))
        return g * (L(0.5) * (L(1) + th) + L(0.5) * pre * (L(1) - th * th) * k * (L(1) + L(3) * kappa * pre * pre))
    if t == "silu":  # s (1 + x (1 - s))
        s_ = _sigmoid(pre)
        return g * s_ * (L(1) + pre * (L(1) - s_))
    if t == "elu":  # alpha exp(x) for x <= 0: alpha at exactly 0
        return g * np.where(pre > 0, L(1), L(layer.get("alpha", 1.0)) * np.exp(np.minimum(pre, L(0))))
    if t == "softplus":  # sigmoid(beta x) up to and at the threshold, 1 above it
        beta, thr = L(layer.get("beta", 1.0)), L(layer.get("threshold", 20.0))
        bx = beta * pre
        return g * np.where(bx > thr, L(1), _sigmoid(bx))
    raise ValueError(t)


def _ref_loss(loss, out, target):
    """The loss and dLoss/d(output), written out from PyTorch's definitions."""
    import numpy as np
    L = np.longdouble
    t = loss["type"]
    mean = loss["reduction"] == "mean"
    if t == "mse":
        diff = out - target
        value = np.sum(diff * diff)
        g = L(2) * diff
        if mean:
            value = value / L(diff.size)
            g = g / L(diff.size)
        return value, g
    if t in ("l1", "huber", "bce_with_logits"):
        n = L(out.size) if mean else L(1)
        if t == "l1":
            diff = out - target
            return np.sum(np.abs(diff)) / n, np.sign(diff) / n  # sign(0) = 0
        if t == "huber":
            delta = L(loss.get("delta", 1.0))
            diff = out - target
            a = np.abs(diff)
            per = np.where(a <= delta, L(0.5) * diff * diff, delta * (a - L(0.5) * delta))
            return np.sum(per) / n, np.clip(diff, -delta, delta) / n  # +-delta at exactly +-delta
        pw = _arr(loss["pos_weight"]) if "pos_weight" in loss else np.ones(out.shape[1], dtype=np.longdouble)
        x, y = out, target
        # (1 - y) x + (1 + (pw - 1) y) (log1p(exp(-|x|)) + max(-x, 0))
        per = (L(1) - y) * x + (L(1) + (pw - L(1)) * y) * (np.log1p(np.exp(-np.abs(x))) + np.maximum(-x, L(0)))
        g = (pw * y + L(1) - y) * _sigmoid(x) - pw * y
        return np.sum(per) / n, g / n
    batch, classes = out.shape
    w = _arr(loss["weight"]) if "weight" in loss else np.ones(classes, dtype=np.longdouble)
    if t == "nll":
        y = target.astype(int)
        q = np.zeros_like(out)
        q[np.arange(batch), y] = w[y]
        denom = np.sum(w[y]) if mean else L(1)
        return -np.sum(q * out) / denom, -q / denom
    if t == "cross_entropy":
        eps = L(loss.get("label_smoothing", 0.0))
        logp = _log_softmax_rows(out)
        if target.ndim == 1:
            # (1 - eps) w[y] at the target class plus eps/C w[c] everywhere; the mean
            # divides by sum_i w[y_i], for the smoothing term too
            y = target.astype(int)
            q = (eps / L(classes)) * np.tile(w, (batch, 1))
            q[np.arange(batch), y] += (L(1) - eps) * w[y]
            denom = np.sum(w[y]) if mean else L(1)
        else:
            q = target * (L(1) - eps) + eps / L(classes)  # smoothed probabilities
            denom = L(batch) if mean else L(1)
        value = -np.sum(q * logp) / denom
        g = (np.exp(logp) * q.sum(axis=1, keepdims=True) - q) / denom
        return value, g
    raise ValueError(t)


def _ref_forward_backward(model, params, x, target, loss):
    h = x
    cache = []
    for idx, layer in enumerate(model):
        pre = h
        h = _ref_layer_forward(layer, idx, params, pre)
        cache.append((pre, h))
    value, g = _ref_loss(loss, h, target)
    grads = {}
    for idx in range(len(model) - 1, -1, -1):
        layer = model[idx]
        pre, post = cache[idx]
        if layer["type"] == "linear":
            grads[f"{idx}.weight"] = g.T @ pre
            if layer.get("bias", True):
                grads[f"{idx}.bias"] = g.sum(axis=0)
            g = g @ params[f"{idx}.weight"]
        else:
            g = _ref_layer_backward(layer, pre, post, g)
    grads["input"] = g
    return h, value, grads


def _ref_lrs(train):
    """The learning rate of each step, as the 1.13 schedulers compute it: recursively
    from the previous rate after every step, not by the closed form.

    step_lr: lr_e = lr_{e-1} * gamma when e % step_size == 0, else lr_{e-1}.
    cosine_annealing: lr_e = (1 + cos(pi e / T)) / (1 + cos(pi (e - 1) / T)) (lr_{e-1} - eta_min) + eta_min,
    except lr_e = lr_{e-1} + (base - eta_min) (1 - cos(pi / T)) / 2 when (e - 1 - T) % (2 T) == 0."""
    import numpy as np
    L = np.longdouble
    base = L(train["optimizer"]["lr"])
    sched = train.get("scheduler")
    lrs, lr = [], base
    pi = _ld(PI_TEXT)
    for e in range(1, train["steps"] + 1):
        lrs.append(lr)  # the rate step e - 1 (0-based) uses
        if sched is None:
            continue
        if sched["type"] == "step_lr":
            if e % sched["step_size"] == 0:
                lr = lr * L(sched["gamma"])
        else:
            T, eta = sched["t_max"], L(sched.get("eta_min", 0.0))
            if (e - 1 - T) % (2 * T) == 0:
                lr = lr + (base - eta) * (L(1) - np.cos(pi / L(T))) / L(2)
            else:
                lr = (L(1) + np.cos(pi * L(e) / L(T))) / (L(1) + np.cos(pi * L(e - 1) / L(T))) * (lr - eta) + eta
    return lrs


def _closed_form_lrs(train):
    """The closed forms of the same schedules (for the report: they agree with the
    recursive rates to rounding)."""
    import numpy as np
    L = np.longdouble
    base, sched = L(train["optimizer"]["lr"]), train["scheduler"]
    out = []
    for e in range(train["steps"]):
        if sched["type"] == "step_lr":
            out.append(base * L(sched["gamma"]) ** (e // sched["step_size"]))
        else:
            eta, T = L(sched.get("eta_min", 0.0)), L(sched["t_max"])
            out.append(eta + (base - eta) * (L(1) + np.cos(_ld(PI_TEXT) * L(e) / T)) / L(2))
    return out


def _ref_param_update(opt, p, g, st, lr, step):
    """One optimizer step for one parameter p with gradient g (state st is updated);
    returns the new value."""
    import numpy as np
    L = np.longdouble
    if opt["type"] == "adamw":
        p = p * (L(1) - lr * L(opt["weight_decay"]))  # decoupled decay, before the Adam update
    elif opt["weight_decay"] != 0:
        g = g + L(opt["weight_decay"]) * p  # L2: added to the gradient
    if opt["type"] == "sgd":
        if opt["momentum"] != 0:
            if "buf" not in st:
                st["buf"] = g.copy()  # first step: no dampening
            else:
                st["buf"] = L(opt["momentum"]) * st["buf"] + (L(1) - L(opt["dampening"])) * g
            g = g + L(opt["momentum"]) * st["buf"] if opt["nesterov"] else st["buf"]
        return p - lr * g
    b1, b2 = L(opt["betas"][0]), L(opt["betas"][1])
    m = st.get("m", np.zeros_like(p))
    v = st.get("v", np.zeros_like(p))
    m = b1 * m + (L(1) - b1) * g
    v = b2 * v + (L(1) - b2) * g * g
    st["m"], st["v"] = m, v
    if opt["amsgrad"]:
        st["vmax"] = np.maximum(st.get("vmax", np.zeros_like(p)), v)
        v = st["vmax"]
    bc1 = L(1) - b1 ** step
    bc2 = L(1) - b2 ** step
    denom = np.sqrt(v) / np.sqrt(bc2) + L(opt["eps"])
    return p - (lr / bc1) * m / denom


def _ref_train(c):
    t = c["train"]
    params = {k: _arr(v) for k, v in c["params"].items()}
    x, target = _arr(c["input"]), _arr(c["target"])
    state = {k: {} for k in params}
    losses = []
    lrs = _ref_lrs(t)
    for step in range(1, t["steps"] + 1):
        _, loss, grads = _ref_forward_backward(c["model"], params, x, target, c["loss"])
        losses.append(loss)
        for k in params:
            params[k] = _ref_param_update(t["optimizer"], params[k], grads[k], state[k], lrs[step - 1], step)
    return losses, params


def tolerance_fraction(c, rtol, atol):
    """Largest |torch - reference| / (atol + rtol |reference|) over every quantity."""
    import numpy as np
    params = {k: _arr(v) for k, v in c["params"].items()}
    with np.errstate(over="ignore"):
        out, loss, grads = _ref_forward_backward(c["model"], params, _arr(c["input"]), _arr(c["target"]),
                                                 c["loss"])
    pairs = [("output", _arr(c["expected"]["output"]), out),
             ("loss", np.longdouble(c["expected"]["loss"]), loss)]
    for k, v in c["expected"]["grads"].items():
        pairs.append(("grads." + k, _arr(v), grads[k]))
    if "train" in c:
        with np.errstate(over="ignore"):
            losses, tparams = _ref_train(c)
        pairs.append(("train.losses", np.array(c["train"]["losses"], dtype=np.longdouble),
                      np.array(losses, dtype=np.longdouble)))
        for k, v in c["train"]["params"].items():
            pairs.append(("train.params." + k, _arr(v), tparams[k]))
    worst, where = 0.0, None
    for q, got, ref in pairs:
        assert np.shape(got) == np.shape(ref), (c["name"], q)
        frac = np.max(np.abs(got - ref) / (atol + rtol * np.abs(ref))) if np.size(ref) else 0.0
        if frac > worst:
            worst, where = float(frac), q
    return worst, where


def load_case(path):
    """A case file as the reference sees it: tensors (and the losses) of a float32 case
    rounded to float32 as a reader does, the strings NaN / Infinity as floats, class
    indices as ints."""
    import numpy as np
    with open(path, encoding="utf-8") as f:
        c = json.load(f)
    f32 = c["dtype"] == "float32"
    special = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}

    def num(v):
        v = special.get(v, v) if isinstance(v, str) else float(v)
        return float(np.float32(v)) if f32 else v

    def walk(o):
        if isinstance(o, dict):
            if set(o) == {"shape", "data"}:
                return {"shape": o["shape"], "data": [num(v) for v in o["data"]]}
            return {k: walk(v) for k, v in o.items()}
        return o

    for k in ("params", "input", "target", "expected"):
        c[k] = walk(c[k])
    c["expected"]["loss"] = num(c["expected"]["loss"])
    for k in ("weight", "pos_weight"):
        if k in c["loss"]:
            c["loss"][k] = walk(c["loss"][k])
    if c["loss"]["type"] in ("cross_entropy", "nll") and len(c["target"]["shape"]) == 1:
        c["target"]["data"] = [int(v) for v in c["target"]["data"]]
    if "train" in c:
        c["train"]["params"] = walk(c["train"]["params"])
        c["train"]["losses"] = [num(v) for v in c["train"]["losses"]]
    return c


def case_files(dirs):
    for d in dirs:
        for root, subdirs, files in os.walk(d):
            subdirs.sort()
            for fn in sorted(files):
                if fn.endswith(".json"):
                    yield os.path.join(root, fn)


def check_reference(dirs):
    """Every case file under dirs, whoever wrote it, against the extended-precision
    reference under the case's own tolerance. True if each uses at most MAX_TOL_FRACTION."""
    ok, n, worst = True, 0, (0.0, None, None)
    for path in case_files(dirs):
        c = load_case(path)
        tol = c.get("tolerance", {})
        rtol, atol = tol.get("rtol", DEFAULT_TOL[c["dtype"]][0]), tol.get("atol", DEFAULT_TOL[c["dtype"]][1])
        frac, where = tolerance_fraction(c, rtol, atol)
        n += 1
        worst = max(worst, (frac, c["name"], where))
        if not frac <= MAX_TOL_FRACTION:
            ok = False
            print(f"MISMATCH {path}: {frac:.3g} of tolerance at {where}", file=sys.stderr)
    print(f"{n} case files against the reference; worst {worst[0]:.3g} of tolerance ({worst[1]}, {worst[2]})")
    return ok


def _ce_from_q(q, out):
    """-sum q log_softmax(out) and its gradient softmax(out) sum_c q - q, for an
    alternative cross-entropy given by its per-element coefficients q."""
    import numpy as np
    logp = _log_softmax_rows(out)
    return -np.sum(q * logp), np.exp(logp) * q.sum(axis=1, keepdims=True) - q


def alternatives():
    """Conventions one could get wrong, each as a patch of the reference and a float64
    case that must reject it (or, where PyTorch's choice makes no numerical
    difference, a note that the case cannot tell them apart)."""
    import numpy as np
    L = np.longdouble
    loss0, fwd0, bwd0, upd0, lrs0 = _ref_loss, _ref_layer_forward, _ref_layer_backward, _ref_param_update, _ref_lrs

    def weighted_mean_by_batch(loss, out, target):
        value, g = loss0(loss, out, target)
        y = target.astype(int)
        f = np.sum(_arr(loss["weight"])[y]) / L(len(y))
        return value * f, g * f

    def smoothing(kind):
        def fn(loss, out, target):
            batch, classes = out.shape
            w, y, eps = _arr(loss["weight"]), target.astype(int), L(loss["label_smoothing"])
            W, onehot = np.sum(w[y]), np.eye(classes, dtype=np.longdouble)[y]
            nll_q = (L(1) - eps) * w[y][:, None] * onehot / W
            if kind == "unweighted":
                q = nll_q + eps / L(classes) / L(batch)
            elif kind == "by_batch":
                q = nll_q + eps / L(classes) * w[None, :] / L(batch)
            else:  # the target's weight on the whole smoothed distribution
                q = w[y][:, None] * ((L(1) - eps) * onehot + eps / L(classes)) / W
            return _ce_from_q(q, out)
        return fn

    def l1_sign0_is_1(loss, out, target):
        value, g = loss0(loss, out, target)
        return value, np.where(out == target, L(1) / L(out.size), g)

    def huber_quadratic_at_delta(loss, out, target):
        value, g = loss0(loss, out, target)
        d = out - target
        return value, np.where(np.abs(d) == L(loss["delta"]), d / L(d.size), g)

    def bce_pos_weight_on_negatives(loss, out, target):
        pw, x, y = _arr(loss["pos_weight"]), out, target
        logsig, log1msig = -np.log1p(np.exp(-x)), -np.log1p(np.exp(x))
        s_ = _sigmoid(x)
        n = L(out.size)
        return -np.sum(y * logsig + pw * (L(1) - y) * log1msig) / n, (pw * (L(1) - y) * s_ - y * (L(1) - s_)) / n

    def elu_slope_1_at_0(layer, pre, post, g):
        return np.where(pre == 0, g, bwd0(layer, pre, post, g)) if layer["type"] == "elu" else bwd0(layer, pre, post, g)

    def softplus_linear_at_threshold_fwd(layer, idx, params, pre):
        if layer["type"] == "softplus":
            at = L(layer["beta"]) * pre == L(layer["threshold"])
            return np.where(at, pre, fwd0(layer, idx, params, pre))
        return fwd0(layer, idx, params, pre)

    def softplus_linear_at_threshold_bwd(layer, pre, post, g):
        if layer["type"] == "softplus":
            at = L(layer["beta"]) * pre == L(layer["threshold"])
            return np.where(at, g, bwd0(layer, pre, post, g))
        return bwd0(layer, pre, post, g)

    def other_gelu(layer):
        if layer["type"] != "gelu":
            return layer
        return dict(layer, approximate="none" if layer["approximate"] == "tanh" else "tanh")

    def dropout_scaled_fwd(layer, idx, params, pre):
        return pre / (L(1) - L(layer["p"])) if layer["type"] == "dropout" else fwd0(layer, idx, params, pre)

    def dropout_scaled_bwd(layer, pre, post, g):
        return g / (L(1) - L(layer["p"])) if layer["type"] == "dropout" else bwd0(layer, pre, post, g)

    def adamw_as(kind):
        def fn(opt, p, g, st, lr, step):
            if opt["type"] != "adamw":
                return upd0(opt, p, g, st, lr, step)
            wd = L(opt["weight_decay"])
            if kind == "l2":
                return upd0(dict(opt, type="adam"), p, g, st, lr, step)
            if kind == "after":
                return upd0(dict(opt, weight_decay=0.0), p, g, st, lr, step) * (L(1) - lr * wd)
            return upd0(dict(opt, weight_decay=0.0), p * (L(1) - wd), g, st, lr, step)  # wd without lr
        return fn

    def closed_form(train):
        return _closed_form_lrs(train) if "scheduler" in train else lrs0(train)

    def cosine_stops_at_t_max(train):
        r = lrs0(train)
        sc = train["scheduler"]
        return [L(sc.get("eta_min", 0.0)) if e > sc["t_max"] else v for e, v in enumerate(r)]

    def scheduler_before_step(train):
        return lrs0(dict(train, steps=train["steps"] + 1))[1:]

    return [
        ("cross_entropy mean with class weights divided by the batch size, not by sum_i w[y_i]",
         "losses/cross_entropy_weight_linear_6x4_batch5_mean", {"_ref_loss": weighted_mean_by_batch}, True),
        ("nll mean with class weights divided by the batch size, not by sum_i w[y_i]",
         "losses/nll_weight_log_softmax_linear_6x4_batch5_mean", {"_ref_loss": weighted_mean_by_batch}, True),
        ("label smoothing with weights: smoothing term without the class weights",
         "losses/cross_entropy_label_smoothing0p2_weight_linear_6x4_batch5_mean",
         {"_ref_loss": smoothing("unweighted")}, True),
        ("label smoothing with weights: weighted smoothing term divided by the batch size",
         "losses/cross_entropy_label_smoothing0p2_weight_linear_6x4_batch5_mean",
         {"_ref_loss": smoothing("by_batch")}, True),
        ("label smoothing with weights: the target's weight on the whole smoothed distribution",
         "losses/cross_entropy_label_smoothing0p2_weight_linear_6x4_batch5_mean",
         {"_ref_loss": smoothing("target_weight")}, True),
        ("label smoothing ignored for class-probability targets",
         "losses/cross_entropy_prob_target_label_smoothing0p1_linear_6x4_batch5_mean",
         {"_ref_loss": lambda loss, out, target: loss0(dict(loss, label_smoothing=0.0), out, target)}, True),
        ("bce_with_logits: pos_weight on the negative term",
         "losses/bce_with_logits_pos_weight_linear_6x4_batch5_mean", {"_ref_loss": bce_pos_weight_on_negatives},
         True),
        ("l1: gradient sign(0) = +1 at exactly 0 difference",
         "edge2/l1_exact_zero_difference_8x4_batch6_mean", {"_ref_loss": l1_sign0_is_1}, True),
        ("huber: the quadratic piece's gradient at exactly +-delta (both pieces give +-delta)",
         "edge2/huber_delta1_at_delta_8x4_batch6_mean", {"_ref_loss": huber_quadratic_at_delta}, False),
        ("elu: gradient 1 (the right-hand slope) at exactly 0",
         "activations/elu_alpha0p5_exact_points_8x4_batch6_mean", {"_ref_layer_backward": elu_slope_1_at_0}, True),
        ("softplus: the linear branch at beta x == threshold",
         "activations/softplus_beta2_threshold5_exact_points_8x4_batch6_sum",
         {"_ref_layer_forward": softplus_linear_at_threshold_fwd,
          "_ref_layer_backward": softplus_linear_at_threshold_bwd}, True),
        ("gelu approximate=tanh evaluated with the erf form",
         "activations/linear_gelu_tanh_6x4_batch5_mean",
         {"_ref_layer_forward": lambda layer, idx, params, pre: fwd0(other_gelu(layer), idx, params, pre),
          "_ref_layer_backward": lambda layer, pre, post, g: bwd0(other_gelu(layer), pre, post, g)}, True),
        ("dropout in eval mode scaled by 1 / (1 - p)", "dropout/dropout_p0_p0p3_p0p9_5x8x6x3_batch6_mean",
         {"_ref_layer_forward": dropout_scaled_fwd, "_ref_layer_backward": dropout_scaled_bwd}, True),
        ("adamw: weight decay as L2 in the gradient (Adam's)",
         "optim/train_adamw_lr0p01_wd0p1_3x5x2_tanh_batch6_mean", {"_ref_param_update": adamw_as("l2")}, True),
        ("adamw: decay p *= 1 - lr wd after the Adam update instead of before",
         "optim/train_adamw_lr0p01_wd0p1_3x5x2_tanh_batch6_mean", {"_ref_param_update": adamw_as("after")}, True),
        ("adamw: decay p *= 1 - wd (without lr)",
         "optim/train_adamw_lr0p01_wd0p1_3x5x2_tanh_batch6_mean", {"_ref_param_update": adamw_as("no_lr")}, True),
        ("scheduler stepped before the optimizer step",
         "schedules/train_sgd_step_lr_s3_g0p5_steps10_3x5x2_tanh_batch6_mean",
         {"_ref_lrs": scheduler_before_step}, True),
        ("cosine_annealing held at eta_min after T_max instead of rising again",
         "schedules/train_sgd_momentum_cosine_t3_steps14_3x5x2_tanh_batch6_mean",
         {"_ref_lrs": cosine_stops_at_t_max}, True),
        ("cosine_annealing by the closed form instead of the recursive one",
         "schedules/train_sgd_momentum_cosine_t3_steps14_3x5x2_tanh_batch6_mean", {"_ref_lrs": closed_form}, False),
        ("step_lr by the closed form base * gamma^(e // step_size)",
         "schedules/train_adam_step_lr_s4_g0p1_steps12_3x5x2_tanh_batch6_mean", {"_ref_lrs": closed_form}, False),
    ]


def check_alternatives(out):
    """Evaluate each wrong convention of alternatives() on its float64 case: those marked
    must-fail have to miss the case's tolerance. True if they all do."""
    ok = True
    g = globals()
    for what, base, patch, must_fail in alternatives():
        c = load_case(os.path.join(out, base + "_float64.json"))
        saved = {k: g[k] for k in patch}
        g.update(patch)
        try:
            frac, where = tolerance_fraction(c, *DEFAULT_TOL["float64"])
        finally:
            g.update(saved)
        verdict = ("rejected" if frac > 1 else "NOT REJECTED") if must_fail else "indistinguishable"
        ok = ok and (frac > 1) == must_fail
        print(f"{verdict}: {what}: {base} off by {frac:.3g} x tolerance ({where})")
    return ok


# ---------------------------------------------------------------------------
# Validation of written files (format contract); needs only the standard library
# ---------------------------------------------------------------------------

class CaseError(Exception):
    pass


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _check_tensor(t, what, shape=None):
    if not isinstance(t, dict) or set(t) != {"shape", "data"}:
        raise CaseError(f"{what}: not a tensor object")
    if not isinstance(t["shape"], list) or not all(_is_int(s) and s >= 0 for s in t["shape"]):
        raise CaseError(f"{what}: bad shape {t['shape']}")
    if shape is not None and list(t["shape"]) != list(shape):
        raise CaseError(f"{what}: shape {t['shape']} != {shape}")
    if not isinstance(t["data"], list) or len(t["data"]) != math.prod(t["shape"]):
        raise CaseError(f"{what}: {len(t['data'])} elements for shape {t['shape']}")
    for v in t["data"]:
        _check_number(v, what)


def _check_number(v, what):
    if isinstance(v, bool) or not (isinstance(v, (int, float)) or v in ("NaN", "Infinity", "-Infinity")):
        raise CaseError(f"{what}: bad element {v!r}")
    if isinstance(v, str) or not math.isfinite(v):
        raise CaseError(f"{what}: non-finite value {v!r} (not expected from this generator)")


def _check_fields(obj, what, required, optional=()):
    if not isinstance(obj, dict):
        raise CaseError(f"{what}: not an object")
    missing = set(required) - set(obj)
    unknown = set(obj) - set(required) - set(optional)
    if missing or unknown:
        raise CaseError(f"{what}: " + "; ".join(([f"missing {sorted(missing)}"] if missing else [])
                                                 + ([f"unknown {sorted(unknown)}"] if unknown else [])))


def _check_real(obj, key, what, low=None, high=None, low_open=False, high_open=False):
    """obj[key] (when present) is a number in the given range."""
    if key not in obj:
        return
    v = obj[key]
    if not _is_num(v) or not math.isfinite(v):
        raise CaseError(f"{what}.{key}: {v!r} is not a number")
    if low is not None and (v < low or (low_open and v == low)):
        raise CaseError(f"{what}.{key}: {v!r} is below the allowed range")
    if high is not None and (v > high or (high_open and v == high)):
        raise CaseError(f"{what}.{key}: {v!r} is above the allowed range")


ACTIVATION_FIELDS = {
    "relu": (), "sigmoid": (), "tanh": (), "identity": (), "softmax": (), "log_softmax": (), "silu": (),
    "leaky_relu": ("negative_slope",), "gelu": ("approximate",), "elu": ("alpha",),
    "softplus": ("beta", "threshold"),
}


def _check_layer(layer, idx):
    what = f"model[{idx}]"
    if not isinstance(layer, dict):
        raise CaseError(f"{what}: not an object")
    t = layer.get("type")
    if t == "linear":
        _check_fields(layer, what, {"type", "in", "out"}, {"bias"})
        for k in ("in", "out"):
            if not _is_int(layer[k]) or layer[k] < 1:
                raise CaseError(f"{what}.{k}: {layer[k]!r} is not a positive integer")
        if not isinstance(layer.get("bias", True), bool):
            raise CaseError(f"{what}.bias: not a boolean")
    elif t == "dropout":
        _check_fields(layer, what, {"type", "p"})
        _check_real(layer, "p", what, 0.0, 1.0, high_open=True)
    elif t in ACTIVATION_FIELDS:
        _check_fields(layer, what, {"type"}, ACTIVATION_FIELDS[t])
        for k in ("negative_slope", "alpha", "beta", "threshold"):
            _check_real(layer, k, what)
        if layer.get("approximate", "none") not in ("none", "tanh"):
            raise CaseError(f"{what}.approximate: {layer['approximate']!r} is not none or tanh")
    else:
        raise CaseError(f"{what}: type {t!r}")


LOSS_FIELDS = {"mse": (), "l1": (), "huber": ("delta",), "cross_entropy": ("label_smoothing", "weight"),
               "nll": ("weight",), "bce_with_logits": ("pos_weight",)}


def _check_loss(loss, width, target, batch):
    """The loss object and the target shape it asks for."""
    if not isinstance(loss, dict) or loss.get("type") not in LOSS_FIELDS:
        raise CaseError(f"loss: type {loss.get('type') if isinstance(loss, dict) else loss!r}")
    t = loss["type"]
    _check_fields(loss, "loss", {"type", "reduction"}, LOSS_FIELDS[t])
    if loss["reduction"] not in ("mean", "sum"):
        raise CaseError(f"loss.reduction: {loss['reduction']!r} is not mean or sum")
    _check_real(loss, "delta", "loss", 0.0, low_open=True)
    _check_real(loss, "label_smoothing", "loss", 0.0, 1.0)
    for k in ("weight", "pos_weight"):
        if k in loss:
            _check_tensor(loss[k], "loss." + k, [width])
    _check_tensor(target, "target")
    shape = target["shape"]
    if t in ("cross_entropy", "nll") and len(shape) == 1:
        _check_tensor(target, "target", [batch])
        for v in target["data"]:
            # class indices: integers, written as JSON numbers (3 or 3.0)
            if not (_is_num(v) and v == int(v) and 0 <= v < width):
                raise CaseError(f"target: {v!r} is not a class index in [0, {width})")
    elif t == "nll":
        raise CaseError(f"target: shape {shape}; nll takes class indices of shape [{batch}]")
    else:
        _check_tensor(target, "target", [batch, width])
        if t == "cross_entropy" and "weight" in loss:
            raise CaseError("loss.weight: not allowed with class-probability targets")
        if t == "bce_with_logits" and not all(0 <= v <= 1 for v in target["data"]):
            raise CaseError("target: bce_with_logits targets must lie in [0, 1]")


OPTIMIZER_FIELDS = {"sgd": {"type", "lr", "momentum", "dampening", "weight_decay", "nesterov"},
                    "adam": {"type", "lr", "betas", "eps", "weight_decay", "amsgrad"},
                    "adamw": {"type", "lr", "betas", "eps", "weight_decay", "amsgrad"}}


def _check_train(t, keys):
    _check_fields(t, "train", {"optimizer", "steps", "losses", "params"}, {"scheduler"})
    o = t["optimizer"]
    if not isinstance(o, dict) or o.get("type") not in OPTIMIZER_FIELDS:
        raise CaseError(f"train.optimizer: {o!r}")
    _check_fields(o, "train.optimizer", OPTIMIZER_FIELDS[o["type"]])
    for k in ("lr", "eps", "weight_decay", "momentum", "dampening"):
        _check_real(o, k, "train.optimizer", 0.0)
    for k in ("nesterov", "amsgrad"):
        if k in o and not isinstance(o[k], bool):
            raise CaseError(f"train.optimizer.{k}: not a boolean")
    if "betas" in o:
        b = o["betas"]
        if not (isinstance(b, list) and len(b) == 2 and all(_is_num(v) and 0 <= v < 1 for v in b)):
            raise CaseError(f"train.optimizer.betas: {b!r}")
    if o.get("nesterov") and (o["momentum"] <= 0 or o["dampening"] != 0):
        raise CaseError("train.optimizer: nesterov needs momentum > 0 and dampening 0")
    if "scheduler" in t:
        sc = t["scheduler"]
        kind = sc.get("type") if isinstance(sc, dict) else None
        if kind == "step_lr":
            _check_fields(sc, "train.scheduler", {"type", "step_size", "gamma"})
            if not _is_int(sc["step_size"]) or sc["step_size"] < 1:
                raise CaseError(f"train.scheduler.step_size: {sc['step_size']!r}")
            _check_real(sc, "gamma", "train.scheduler", 0.0)
        elif kind == "cosine_annealing":
            _check_fields(sc, "train.scheduler", {"type", "t_max"}, {"eta_min"})
            if not _is_int(sc["t_max"]) or sc["t_max"] < 1:
                raise CaseError(f"train.scheduler.t_max: {sc['t_max']!r}")
            _check_real(sc, "eta_min", "train.scheduler", 0.0)
        else:
            raise CaseError(f"train.scheduler: {sc!r}")
    if not _is_int(t["steps"]) or t["steps"] < 1 or len(t["losses"]) != t["steps"]:
        raise CaseError("train: steps/losses")
    for v in t["losses"]:
        _check_number(v, "train.losses")
    if not isinstance(t["params"], dict) or set(t["params"]) != set(keys):
        raise CaseError("train.params keys")
    for k, s in keys.items():
        _check_tensor(t["params"][k], "train.params." + k, s)


def validate_case(path):
    """Check one file against the case-format contract; returns the case name."""
    with open(path, encoding="utf-8") as f:
        c = json.load(f)
    if not isinstance(c, dict) or c.get("format") != FORMAT:
        raise CaseError(f"format is {c.get('format') if isinstance(c, dict) else c!r}")
    _check_fields(c, "case", {"format", "name", "dtype", "model", "loss", "params", "input", "target",
                              "expected"}, {"source", "train", "tolerance"})
    if not isinstance(c["name"], str) or not c["name"]:
        raise CaseError("empty name")
    if os.path.basename(path) != c["name"] + ".json":
        raise CaseError(f"file name does not match name {c['name']!r}")
    if "source" in c and not isinstance(c["source"], str):
        raise CaseError("source: not a string")
    if c["dtype"] not in ("float32", "float64"):
        raise CaseError(f"dtype {c['dtype']!r}")
    model = c["model"]
    if not isinstance(model, list) or not model:
        raise CaseError("empty model")
    _check_tensor(c["input"], "input")
    if len(c["input"]["shape"]) != 2:
        raise CaseError(f"input: shape {c['input']['shape']} is not [batch, in]")
    batch, n_in = c["input"]["shape"]
    keys, width = {}, n_in
    for idx, layer in enumerate(model):
        _check_layer(layer, idx)
        if layer["type"] == "linear":
            i, o = layer["in"], layer["out"]
            if i != width:
                raise CaseError(f"model[{idx}].in: {i} but the width before it is {width}")
            width = o
            keys[f"{idx}.weight"] = [o, i]
            if layer.get("bias", True):
                keys[f"{idx}.bias"] = [o]
    if "train" in c and any(layer["type"] == "dropout" for layer in model):
        raise CaseError("train: a case with a dropout layer has no training run")
    if not isinstance(c["params"], dict) or set(c["params"]) != set(keys):
        raise CaseError(f"params keys {sorted(c['params'])} != {sorted(keys)}")
    for k, s in keys.items():
        _check_tensor(c["params"][k], "params." + k, s)
    _check_loss(c["loss"], width, c["target"], batch)
    e = c["expected"]
    _check_fields(e, "expected", {"output", "loss", "grads"})
    _check_tensor(e["output"], "expected.output", [batch, width])
    _check_number(e["loss"], "expected.loss")
    if not isinstance(e["grads"], dict) or set(e["grads"]) != set(keys) | {"input"}:
        raise CaseError(f"expected.grads keys {sorted(e['grads'])}")
    _check_tensor(e["grads"]["input"], "grads.input", [batch, n_in])
    for k, s in keys.items():
        _check_tensor(e["grads"][k], "grads." + k, s)
    if "train" in c:
        _check_train(c["train"], keys)
    if "tolerance" in c:
        _check_fields(c["tolerance"], "tolerance", {"rtol", "atol"})
        _check_real(c["tolerance"], "rtol", "tolerance", 0.0)
        _check_real(c["tolerance"], "atol", "tolerance", 0.0)
    return c["name"]


def check_round_trip(text, c):
    """The written text, parsed back (and rounded to float32 in a float32 case),
    must reproduce every value PyTorch computed bit for bit."""
    import numpy as np
    f32 = c["dtype"] == "float32"

    def same(a, b, path):
        if isinstance(b, dict):
            assert isinstance(a, dict) and list(a) == list(b), path
            for k in b:
                same(a[k], b[k], path + "." + k)
        elif isinstance(b, (list, tuple)):
            assert isinstance(a, list) and len(a) == len(b), path
            for i, (x, y) in enumerate(zip(a, b)):
                same(x, y, f"{path}[{i}]")
        elif isinstance(b, float) and f32 and not path.startswith((".train.optimizer", ".train.scheduler",
                                                                   ".tolerance", ".model", ".loss")):
            assert float(np.float32(b)) == b, f"{path}: {b!r} is not a float32 value"
            assert np.float32(a).tobytes() == np.float32(b).tobytes(), f"{path}: {a!r} != {b!r}"
        else:
            assert type(a) is type(b) and a == b and (not isinstance(b, float) or
                                                      math.copysign(1, a) == math.copysign(1, b)), \
                f"{path}: {a!r} != {b!r}"

    same(json.loads(text), c, "")


def validate_dirs(dirs):
    ok = True
    for d in dirs:
        names = {}
        for root, dirs, files in os.walk(d):
            dirs.sort()
            for fn in sorted(files):
                if not fn.endswith(".json"):
                    continue
                p = os.path.join(root, fn)
                try:
                    n = validate_case(p)
                    if n in names:
                        raise CaseError(f"duplicate name, also in {names[n]}")
                    names[n] = p
                except (CaseError, KeyError, TypeError, ValueError) as ex:
                    ok = False
                    print(f"INVALID {p}: {ex}", file=sys.stderr)
        print(f"checked {len(names)} case files in {d}")
    return ok


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

SOURCE = None


def write_file(path, text):
    """Write to a temporary name beside path, then rename over it (never a half-written case)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def check_schedule(train, lrs):
    """Torch's learning rate at every step must be the recursive rate of _ref_lrs (to
    float64 rounding); returns how far the closed form lies from it, for the record."""
    import numpy as np
    ref = _ref_lrs(train)
    closed = _closed_form_lrs(train)
    base = np.longdouble(train["optimizer"]["lr"])
    rel = max(float(abs(np.longdouble(a) - r) / base) for a, r in zip(lrs, ref))
    assert rel < 1e-14, f"{train}: torch's learning rates differ from the recursive formula by {rel:.3g}"
    gap = max(float(abs(np.longdouble(a) - b) / base) for a, b in zip(lrs, closed))
    return (f"{train['scheduler']['type']}: torch's rates match the recursive formula to {rel:.1e} "
            f"of the base rate, and the closed form to {gap:.1e}")


def remove_stale(root, written):
    """Delete case files this generator wrote earlier but no longer produces."""
    for dirpath, _, files in os.walk(root):
        for fn in files:
            p = os.path.abspath(os.path.join(dirpath, fn))
            if not fn.endswith(".json") or p in written:
                continue
            try:
                with open(p, encoding="utf-8") as f:
                    src = json.load(f).get("source", "")
            except (OSError, ValueError, AttributeError):
                continue
            if isinstance(src, str) and src.endswith("(generate_cases.py)"):
                os.remove(p)
                print(f"removed stale {p}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="conformance case directory (default: %(default)s)")
    ap.add_argument("--check", nargs="+", metavar="DIR",
                    help="only validate the case files under DIR(s) and exit")
    ap.add_argument("--reference", nargs="+", metavar="DIR",
                    help="only compare the case files under DIR(s), from any producer, with the "
                         "extended-precision reference (needs NumPy) and exit")
    ap.add_argument("--alternatives", action="store_true",
                    help="only check that the written cases (--out) reject wrong conventions (needs NumPy)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    if args.check:
        return 0 if validate_dirs(args.check) else 1
    if args.reference:
        return 0 if check_reference(args.reference) else 1
    if args.alternatives:
        return 0 if check_alternatives(args.out) else 1

    import numpy as np  # noqa: F401
    import torch
    global SOURCE
    if not torch.__version__.startswith("1.13."):
        print(f"warning: cases are meant to come from torch 1.13.1, running {torch.__version__}",
              file=sys.stderr)
        SOURCE = f"torch {torch.__version__} (generate_cases.py)"
    else:
        SOURCE = f"torch {TORCH_LABEL} (generate_cases.py)"
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    written = set()
    conventions = []
    names = set()
    count, worst = {}, {}
    for d in case_definitions():
        for dtype in ("float32", "float64"):
            c, zero_report, notes, lrs = run_torch_case(d, dtype)
            assert c["name"] not in names, c["name"]
            names.add(c["name"])
            ladder = TOL_LADDER[dtype] if d["loose_ok"] else TOL_LADDER[dtype][:1]
            assert ladder[0] == DEFAULT_TOL[dtype]
            for rtol, atol in ladder:
                frac, where = tolerance_fraction(c, rtol, atol)
                if frac <= MAX_TOL_FRACTION:
                    break
            else:
                raise SystemExit(f"{c['name']}: PyTorch differs from the extended-precision reference "
                                 f"by {frac:.3g} of tolerance (rtol {rtol}, atol {atol}) at {where}")
            if (rtol, atol) != DEFAULT_TOL[dtype]:
                c["tolerance"] = {"rtol": rtol, "atol": atol}
            for idx, typ, slope, nz in zero_report:
                conventions.append(f"{c['name']}: layer {idx} {typ}: {nz} exact-zero pre-activations, "
                                   f"gradient there = {slope} * upstream")
            conventions += [f"{c['name']}: {n}" for n in notes]
            if "scheduler" in c.get("train", {}):
                conventions.append(f"{c['name']}: " + check_schedule(c["train"], lrs))
            if args.verbose:
                print(f"{c['name']}: worst {frac:.3g} of tolerance rtol {rtol} atol {atol} ({where})")
            key = (d["group"], dtype)
            count[key] = count.get(key, 0) + 1
            if frac > worst.get(key, (-1.0,))[0]:
                worst[key] = (frac, c["name"], where)
            text = Writer(dtype).case(c)
            check_round_trip(text, c)
            p = os.path.abspath(os.path.join(args.out, d["group"], c["name"] + ".json"))
            write_file(p, text)
            written.add(p)
    remove_stale(args.out, written)
    for line in conventions if args.verbose else []:
        print(line)
    print(f"wrote {len(written)} cases to {args.out}")
    for group in sorted({g for g, _ in count}):
        print(f"  {group + '/':14}" + "  ".join(
            f"{dt} {count[(group, dt)]:3d} (worst {worst[(group, dt)][0]:.2g} of tolerance)"
            for dt in ("float32", "float64")))
    frac, name, where = max(worst.values())
    print(f"largest fraction of tolerance PyTorch uses against the reference: {frac:.3g} ({name}, {where})")
    return 0 if validate_dirs([args.out]) else 1


if __name__ == "__main__":
    sys.exit(main())
