#!/usr/bin/python3
"""Generate backprop4j conformance cases from PyTorch.

Every case is one JSON file in the format of the case-format contract
("backprop4j.case/1"): a small torch.nn.Sequential network, one batch of
data, and what PyTorch computed for it (output, MSE loss, gradient of the
input and of every parameter, and for some cases a short training run with
torch.optim.SGD / torch.optim.Adam).

The script is deterministic: every case seeds torch with its own fixed seed,
PyTorch runs single-threaded, and the JSON is written with a fixed layout, so
running it twice produces byte-identical files.

Besides PyTorch's autograd the script evaluates every case a second time with
an independent NumPy reference in extended precision (np.longdouble) and fails
if PyTorch and the reference disagree by more than a small fraction of the
comparison tolerance. That also pins down the conventions the Java code must
follow (ReLU gradient at 0 is 0, LeakyReLU gradient at 0 is the slope, the
SGD momentum buffer starts as the first gradient, ...).

Usage (Debian/Ubuntu: apt-get install -y python3-torch):

    /usr/bin/python3 tools/pytorch/generate_cases.py
    /usr/bin/python3 tools/pytorch/generate_cases.py --out DIR --nn-core-out DIR2
    /usr/bin/python3 tools/pytorch/generate_cases.py --check DIR [DIR ...]

--check only validates existing case files against the format (it needs
neither PyTorch nor NumPy).
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
DEFAULT_NN_CORE_OUT = os.path.join(REPO_ROOT, "nn-core", "src", "test", "resources", "pytorch")

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

# Cases also written flat into nn-core's test resources (base names, both dtypes).
NN_CORE_CASES = [
    "notebook_linear_10x2_batch8_mean",
    "linear_6x4_batch5_sum",
    "linear_relu_6x4_batch5_mean",
    "linear_leaky_relu_0p01_6x4_batch5_mean",
    "linear_sigmoid_6x4_batch5_mean",
    "linear_tanh_6x4_batch5_mean",
    "linear_identity_6x4_batch5_mean",
    "linear_nobias_6x4_batch5_mean",
]


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


def case(base, group, model, batch, reduction="mean", *, seed_name=None, input_scale=1.0,
         target_scale=1.0, target_offset=0.0, exact_zero=None, saturate=None, train=None, steps=10,
         loose_ok=False):
    """One case definition (written once per dtype).

    exact_zero: list of model indices of relu/leaky_relu layers whose
    pre-activations must contain exact zeros; the parameters and the input are
    then built from short dyadic fractions (see build_exact_zero_data).
    saturate: list of model indices of sigmoid/tanh layers whose every
    pre-activation must be at least SATURATED in magnitude (the seed is varied
    deterministically until that holds), so their gradient is ~0 both exactly
    and in float32 rather than ill-conditioned.
    loose_ok: the case may carry a "tolerance" looser than the default (TOL_LADDER).
    """
    return {"base": base, "group": group, "model": model, "batch": batch,
            "reduction": reduction, "seed_name": seed_name or base,
            "input_scale": input_scale, "target_scale": target_scale,
            "target_offset": target_offset, "exact_zero": exact_zero, "saturate": saturate,
            "train": train, "steps": steps, "loose_ok": loose_ok}


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
        return ('{"shape": ' + json.dumps(t["shape"]) + ', "data": ['
                + ", ".join(self.fmt(v) for v in t["data"]) + "]}")

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
            ("loss", self.flat(c["loss"])),
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
            opt = "{" + ", ".join(json.dumps(k) + ": " + (fmt64(v) if isinstance(v, float) else self.flat(v))
                                  for k, v in t["optimizer"].items()) + "}"
            top.append(("train", self.obj_lines([
                ("optimizer", opt),
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
        else:
            raise ValueError(t)
    return nn.Sequential(*mods)


def tensor_json(t):
    t = t.detach().cpu()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


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


def forward_backward(seq, x, target, reduction):
    """Forward layer by layer (exactly what nn.Sequential.forward does), keeping
    every intermediate so the exact-zero checks can look at them."""
    import torch
    x = x.detach().clone().requires_grad_(True)
    acts = [x]
    h = x
    for m in seq:
        h = m(h)
        h.retain_grad()
        acts.append(h)
    loss = torch.nn.MSELoss(reduction=reduction)(h, target)
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


def make_optimizer(opt, params):
    import torch
    if opt["type"] == "sgd":
        return torch.optim.SGD(params, lr=opt["lr"], momentum=opt["momentum"],
                               dampening=opt["dampening"], weight_decay=opt["weight_decay"],
                               nesterov=opt["nesterov"])
    return torch.optim.Adam(params, lr=opt["lr"], betas=tuple(opt["betas"]), eps=opt["eps"],
                            weight_decay=opt["weight_decay"], amsgrad=opt["amsgrad"])


def run_torch_case(d, dtype):
    import torch
    dt = torch_dtype(dtype)
    n_in = d["model"][0]["in"]
    n_out = [l for l in d["model"] if l["type"] == "linear"][-1]["out"]
    for attempt in range(1000):
        seed_text = d["seed_name"] + (f"#{attempt}" if attempt else "")
        torch.manual_seed(zlib.crc32(seed_text.encode()) & 0x7fffffff)
        seq = build_sequential(d["model"], dtype)
        x = torch.randn(d["batch"], n_in, dtype=dt) * d["input_scale"]
        target = torch.randn(d["batch"], n_out, dtype=dt) * d["target_scale"] + d["target_offset"]
        if not d["saturate"] or saturated(seq, x, d["saturate"]):
            break
    else:
        raise SystemExit(f"{d['base']}: no seed saturates layers {d['saturate']}")
    if d["exact_zero"]:
        x = build_exact_zero_data(d, seq, x, dtype)

    params0 = {k: v.detach().clone() for k, v in seq.state_dict().items()}
    xg, acts, out, loss = forward_backward(seq, x, target, d["reduction"])
    zero_report = check_exact_zeros(d, acts, dtype) if d["exact_zero"] else []

    name = f"{d['base']}_{dtype}"
    c = {
        "format": FORMAT,
        "name": name,
        "source": SOURCE,
        "dtype": dtype,
        "model": d["model"],
        "loss": {"type": "mse", "reduction": d["reduction"]},
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

    if d["train"] is not None:
        tseq = copy.deepcopy(seq)
        tseq.load_state_dict(params0)
        opt = make_optimizer(d["train"], tseq.parameters())
        lossfn = torch.nn.MSELoss(reduction=d["reduction"])
        losses = []
        for _ in range(d["steps"]):
            opt.zero_grad()
            l = lossfn(tseq(x), target)
            l.backward()
            losses.append(float(l.item()))  # before this step's update
            opt.step()
        c["train"] = {
            "optimizer": d["train"],
            "steps": d["steps"],
            "losses": losses,
            "params": {k: tensor_json(v) for k, v in tseq.state_dict().items()},
        }
    return c, zero_report


# ---------------------------------------------------------------------------
# Independent extended-precision reference (NumPy longdouble)
# ---------------------------------------------------------------------------

def _arr(t):
    import numpy as np
    return np.array(t["data"], dtype=np.longdouble).reshape(t["shape"])


def _ref_forward_backward(model, params, x, target, reduction):
    import numpy as np
    L = np.longdouble
    h = x
    cache = []
    for idx, layer in enumerate(model):
        t = layer["type"]
        pre = h
        if t == "linear":
            h = h @ params[f"{idx}.weight"].T
            if layer.get("bias", True):
                h = h + params[f"{idx}.bias"]
        elif t == "relu":
            h = np.where(pre > 0, pre, L(0))
        elif t == "leaky_relu":
            h = np.where(pre > 0, pre, L(layer.get("negative_slope", 0.01)) * pre)
        elif t == "sigmoid":
            h = L(1) / (L(1) + np.exp(-pre))
        elif t == "tanh":
            h = np.tanh(pre)
        cache.append((pre, h))
    diff = h - target
    loss = np.sum(diff * diff)
    g = L(2) * diff
    if reduction == "mean":
        loss = loss / L(diff.size)
        g = g / L(diff.size)
    grads = {}
    for idx in range(len(model) - 1, -1, -1):
        layer = model[idx]
        t = layer["type"]
        pre, post = cache[idx]
        if t == "linear":
            grads[f"{idx}.weight"] = g.T @ pre
            if layer.get("bias", True):
                grads[f"{idx}.bias"] = g.sum(axis=0)
            g = g @ params[f"{idx}.weight"]
        elif t == "relu":
            g = g * np.where(pre > 0, L(1), L(0))  # gradient 0 at exactly 0
        elif t == "leaky_relu":
            g = g * np.where(pre > 0, L(1), L(layer.get("negative_slope", 0.01)))  # slope at 0
        elif t == "sigmoid":
            g = g * post * (L(1) - post)
        elif t == "tanh":
            g = g * (L(1) - post * post)
    grads["input"] = g
    return h, loss, grads


def _ref_train(c):
    import numpy as np
    L = np.longdouble
    t = c["train"]
    opt = t["optimizer"]
    params = {k: _arr(v) for k, v in c["params"].items()}
    x, target = _arr(c["input"]), _arr(c["target"])
    state = {k: {} for k in params}
    losses = []
    for step in range(1, t["steps"] + 1):
        _, loss, grads = _ref_forward_backward(c["model"], params, x, target, c["loss"]["reduction"])
        losses.append(loss)
        for k in params:
            p, g, st = params[k], grads[k], state[k]
            if opt["weight_decay"] != 0:
                g = g + L(opt["weight_decay"]) * p
            if opt["type"] == "sgd":
                if opt["momentum"] != 0:
                    if "buf" not in st:
                        st["buf"] = g.copy()  # first step: no dampening
                    else:
                        st["buf"] = L(opt["momentum"]) * st["buf"] + (L(1) - L(opt["dampening"])) * g
                    g = g + L(opt["momentum"]) * st["buf"] if opt["nesterov"] else st["buf"]
                params[k] = p - L(opt["lr"]) * g
            else:
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
                params[k] = p - (L(opt["lr"]) / bc1) * m / denom
    return losses, params


def tolerance_fraction(c, rtol, atol):
    """Largest |torch - reference| / (atol + rtol |reference|) over every quantity."""
    import numpy as np
    params = {k: _arr(v) for k, v in c["params"].items()}
    out, loss, grads = _ref_forward_backward(c["model"], params, _arr(c["input"]), _arr(c["target"]),
                                             c["loss"]["reduction"])
    pairs = [("output", _arr(c["expected"]["output"]), out),
             ("loss", np.longdouble(c["expected"]["loss"]), loss)]
    for k, v in c["expected"]["grads"].items():
        pairs.append(("grads." + k, _arr(v), grads[k]))
    if "train" in c:
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


# ---------------------------------------------------------------------------
# Validation of written files (format contract); needs only the standard library
# ---------------------------------------------------------------------------

class CaseError(Exception):
    pass


def _check_tensor(t, what, shape=None):
    if not isinstance(t, dict) or set(t) != {"shape", "data"}:
        raise CaseError(f"{what}: not a tensor object")
    if not all(isinstance(s, int) and s >= 0 for s in t["shape"]):
        raise CaseError(f"{what}: bad shape {t['shape']}")
    if shape is not None and list(t["shape"]) != list(shape):
        raise CaseError(f"{what}: shape {t['shape']} != {shape}")
    if len(t["data"]) != math.prod(t["shape"]):
        raise CaseError(f"{what}: {len(t['data'])} elements for shape {t['shape']}")
    for v in t["data"]:
        _check_number(v, what)


def _check_number(v, what):
    if isinstance(v, bool) or not (isinstance(v, (int, float)) or v in ("NaN", "Infinity", "-Infinity")):
        raise CaseError(f"{what}: bad element {v!r}")
    if isinstance(v, str) or not math.isfinite(v):
        raise CaseError(f"{what}: non-finite value {v!r} (not expected from this generator)")


def validate_case(path):
    """Check one file against the case-format contract; returns the case name."""
    with open(path, encoding="utf-8") as f:
        c = json.load(f)
    if c.get("format") != FORMAT:
        raise CaseError(f"format is {c.get('format')!r}")
    allowed = {"format", "name", "source", "dtype", "model", "loss", "params", "input", "target",
               "expected", "train", "tolerance"}
    if set(c) - allowed:
        raise CaseError(f"unknown fields {sorted(set(c) - allowed)}")
    for k in ("name", "dtype", "model", "loss", "params", "input", "target", "expected"):
        if k not in c:
            raise CaseError(f"missing field {k}")
    if not isinstance(c["name"], str) or not c["name"]:
        raise CaseError("empty name")
    if os.path.basename(path) != c["name"] + ".json":
        raise CaseError(f"file name does not match name {c['name']!r}")
    if c["dtype"] not in ("float32", "float64"):
        raise CaseError(f"dtype {c['dtype']!r}")
    if c["loss"] not in ({"type": "mse", "reduction": "mean"}, {"type": "mse", "reduction": "sum"}):
        raise CaseError(f"loss {c['loss']!r}")
    model = c["model"]
    if not isinstance(model, list) or not model:
        raise CaseError("empty model")
    keys, width, n_in = {}, None, None
    for idx, layer in enumerate(model):
        t = layer.get("type")
        if t == "linear":
            if set(layer) - {"type", "in", "out", "bias"}:
                raise CaseError(f"layer {idx}: unknown fields")
            i, o = layer["in"], layer["out"]
            if width is not None and i != width:
                raise CaseError(f"layer {idx}: in {i} but previous width {width}")
            if n_in is None:
                n_in = i
            width = o
            keys[f"{idx}.weight"] = [o, i]
            if layer.get("bias", True):
                keys[f"{idx}.bias"] = [o]
        elif t == "leaky_relu":
            if set(layer) - {"type", "negative_slope"}:
                raise CaseError(f"layer {idx}: unknown fields")
        elif t in ("relu", "sigmoid", "tanh", "identity"):
            if set(layer) != {"type"}:
                raise CaseError(f"layer {idx}: unknown fields")
        else:
            raise CaseError(f"layer {idx}: type {t!r}")
    if n_in is None:
        raise CaseError("model has no linear layer (this generator always writes one)")
    if set(c["params"]) != set(keys):
        raise CaseError(f"params keys {sorted(c['params'])} != {sorted(keys)}")
    for k, s in keys.items():
        _check_tensor(c["params"][k], "params." + k, s)
    _check_tensor(c["input"], "input")
    batch = c["input"]["shape"][0]
    _check_tensor(c["input"], "input", [batch, n_in])
    _check_tensor(c["target"], "target", [batch, width])
    e = c["expected"]
    if set(e) != {"output", "loss", "grads"}:
        raise CaseError("expected: fields")
    _check_tensor(e["output"], "expected.output", [batch, width])
    _check_number(e["loss"], "expected.loss")
    if set(e["grads"]) != set(keys) | {"input"}:
        raise CaseError(f"expected.grads keys {sorted(e['grads'])}")
    _check_tensor(e["grads"]["input"], "grads.input", [batch, n_in])
    for k, s in keys.items():
        _check_tensor(e["grads"][k], "grads." + k, s)
    if "train" in c:
        t = c["train"]
        if set(t) != {"optimizer", "steps", "losses", "params"}:
            raise CaseError("train: fields")
        o = t["optimizer"]
        want = {"sgd": {"type", "lr", "momentum", "dampening", "weight_decay", "nesterov"},
                "adam": {"type", "lr", "betas", "eps", "weight_decay", "amsgrad"}}.get(o.get("type"))
        if want is None or set(o) != want:
            raise CaseError(f"train.optimizer {o!r}")
        if not isinstance(t["steps"], int) or t["steps"] < 1 or len(t["losses"]) != t["steps"]:
            raise CaseError("train: steps/losses")
        for v in t["losses"]:
            _check_number(v, "train.losses")
        if set(t["params"]) != set(keys):
            raise CaseError("train.params keys")
        for k, s in keys.items():
            _check_tensor(t["params"][k], "train.params." + k, s)
    if "tolerance" in c and set(c["tolerance"]) != {"rtol", "atol"}:
        raise CaseError("tolerance: both rtol and atol")
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
        elif isinstance(b, float) and f32 and not path.startswith((".train.optimizer", ".tolerance", ".model")):
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
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


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
    ap.add_argument("--nn-core-out", default=DEFAULT_NN_CORE_OUT,
                    help="nn-core test resource directory (default: %(default)s)")
    ap.add_argument("--check", nargs="+", metavar="DIR",
                    help="only validate the case files under DIR(s) and exit")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    if args.check:
        return 0 if validate_dirs(args.check) else 1

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
    nn_core_written = set()
    conventions = []
    names = set()
    for d in case_definitions():
        for dtype in ("float32", "float64"):
            c, zero_report = run_torch_case(d, dtype)
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
            if args.verbose:
                print(f"{c['name']}: worst {frac:.3g} of tolerance rtol {rtol} atol {atol} ({where})")
            text = Writer(dtype).case(c)
            check_round_trip(text, c)
            p = os.path.abspath(os.path.join(args.out, d["group"], c["name"] + ".json"))
            write_file(p, text)
            written.add(p)
            if d["base"] in NN_CORE_CASES and args.nn_core_out:
                p2 = os.path.abspath(os.path.join(args.nn_core_out, c["name"] + ".json"))
                write_file(p2, text)
                nn_core_written.add(p2)
    missing = set(NN_CORE_CASES) - {d["base"] for d in case_definitions()}
    assert not missing, missing
    remove_stale(args.out, written)
    if args.nn_core_out:
        remove_stale(args.nn_core_out, nn_core_written)
    for line in conventions if args.verbose else []:
        print(line)
    print(f"wrote {len(written)} cases to {args.out}")
    if args.nn_core_out:
        print(f"wrote {len(nn_core_written)} cases to {args.nn_core_out}")
    dirs = [args.out] + ([args.nn_core_out] if args.nn_core_out else [])
    return 0 if validate_dirs(dirs) else 1


if __name__ == "__main__":
    sys.exit(main())
