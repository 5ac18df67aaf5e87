#!/usr/bin/python3
"""Cases of the case format (backprop4j.case/1) for the losses, layers, optimizers and schedules
of issue 11, made with PyTorch 1.13, for the kit's own tests (src/test/resources/issue11-cases),
and a few of them flat for nn-core's PyTorchGradientTest (nn-core/src/test/resources/pytorch).

The official generator of the built-in cases is tools/pytorch/generate_cases.py; this script only
makes the files the tests of the losses branch check against until those land. Deterministic:
every case seeds torch itself and runs single-threaded, so a rerun writes the same bytes.

For a float32 case the same case is also run in float64; when PyTorch's float32 values are further
from those than a quarter of the default tolerance, the first looser tolerance of a fixed ladder
that holds is written into the case (as the built-in large-input cases do).

Usage: /usr/bin/python3 conformance-tests/src/test/pytorch/make_issue11_cases.py
"""

import json
import math
import os

import torch

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "conformance-tests", "src", "test", "resources", "issue11-cases")
NN_CORE_OUT = os.path.join(ROOT, "nn-core", "src", "test", "resources", "pytorch")
NN_CORE = ["ce_weight_smooth_4x3_batch5_mean", "softmax_mse_4x3_batch5_mean", "log_softmax_nll_weight_4x3_batch5_sum",
           "gelu_tanh_silu_4x5x2_batch4_sum", "bce_pos_weight_4x3_batch5_mean", "huber_delta0p5_4x3_batch5_mean",
           "l1_zero_difference_batch2_mean", "ce_probabilities_smooth_4x3_batch5_sum"]
TOL = {"float32": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7)}
LADDER = [(1.3e-6, 1e-5), (1e-5, 1e-5), (1e-5, 1e-4), (1e-4, 1e-4), (1e-4, 1e-3), (1e-3, 1e-3)]
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def lin(i, o, bias=True):
    return {"type": "linear", "in": i, "out": o, "bias": bias}


def module(layer):
    t = layer["type"]
    if t == "linear":
        return torch.nn.Linear(layer["in"], layer["out"], bias=layer.get("bias", True))
    if t == "relu":
        return torch.nn.ReLU()
    if t == "leaky_relu":
        return torch.nn.LeakyReLU(layer.get("negative_slope", 0.01))
    if t == "sigmoid":
        return torch.nn.Sigmoid()
    if t == "tanh":
        return torch.nn.Tanh()
    if t == "identity":
        return torch.nn.Identity()
    if t == "softmax":
        return torch.nn.Softmax(dim=1)
    if t == "log_softmax":
        return torch.nn.LogSoftmax(dim=1)
    if t == "gelu":
        return torch.nn.GELU(approximate=layer.get("approximate", "none"))
    if t == "silu":
        return torch.nn.SiLU()
    if t == "elu":
        return torch.nn.ELU(alpha=layer.get("alpha", 1.0))
    if t == "softplus":
        return torch.nn.Softplus(beta=layer.get("beta", 1.0), threshold=layer.get("threshold", 20.0))
    if t == "dropout":
        return torch.nn.Dropout(layer["p"])
    raise ValueError(t)


def loss_module(loss, dtype):
    t, r = loss["type"], loss["reduction"]
    w = lambda key: torch.tensor(loss[key]["data"], dtype=dtype) if key in loss else None
    if t == "mse":
        return torch.nn.MSELoss(reduction=r)
    if t == "l1":
        return torch.nn.L1Loss(reduction=r)
    if t == "huber":
        return torch.nn.HuberLoss(reduction=r, delta=loss.get("delta", 1.0))
    if t == "cross_entropy":
        return torch.nn.CrossEntropyLoss(weight=w("weight"), reduction=r,
                                         label_smoothing=loss.get("label_smoothing", 0.0))
    if t == "nll":
        return torch.nn.NLLLoss(weight=w("weight"), reduction=r)
    if t == "bce_with_logits":
        return torch.nn.BCEWithLogitsLoss(reduction=r, pos_weight=w("pos_weight"))
    raise ValueError(t)


def optimizer(spec, params):
    t = spec["type"]
    if t == "sgd":
        return torch.optim.SGD(params, lr=spec["lr"], momentum=spec["momentum"], dampening=spec["dampening"],
                               weight_decay=spec["weight_decay"], nesterov=spec["nesterov"])
    cls = torch.optim.Adam if t == "adam" else torch.optim.AdamW
    return cls(params, lr=spec["lr"], betas=tuple(spec["betas"]), eps=spec["eps"],
               weight_decay=spec["weight_decay"], amsgrad=spec["amsgrad"])


def scheduler(spec, opt):
    if spec is None:
        return None
    if spec["type"] == "step_lr":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=spec["step_size"], gamma=spec["gamma"])
    return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=spec["t_max"], eta_min=spec.get("eta_min", 0.0))


def num(x, dtype):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x  # float32 values are exact doubles; repr gives the shortest text that reads back


def tensor(t, dtype):
    t = t.detach().reshape(-1)
    return {"shape": None, "data": [num(v, dtype) for v in t.tolist()]}


def tj(t, dtype):
    d = tensor(t, dtype)
    d["shape"] = list(t.shape)
    return {"shape": d["shape"], "data": d["data"]}


def run(c, dtype_name):
    dtype = DTYPES[dtype_name]
    torch.manual_seed(c["seed"])
    layers = [module(l) for l in c["model"]]
    net = torch.nn.Sequential(*layers).to(dtype)
    net.eval()
    if c.get("params") is not None:
        with torch.no_grad():
            for k, v in net.state_dict().items():
                v.copy_(c["params"][k].to(dtype))
    x = c["input"].to(dtype).clone().requires_grad_(True)
    target = c["target"]
    target = target.clone() if target.dtype == torch.long else target.to(dtype)
    params0 = {k: v.detach().clone() for k, v in net.state_dict().items()}
    lossf = loss_module(c["loss"], dtype)
    out = net(x)
    loss = lossf(out, target)
    grads = torch.autograd.grad(loss, [x] + list(net.parameters()))
    names = ["input"] + [k for k, _ in net.named_parameters()]
    result = {"output": out, "loss": loss, "grads": dict(zip(names, grads)), "params0": params0, "target": target}
    if c.get("train"):
        tr = c["train"]
        opt = optimizer(tr["optimizer"], net.parameters())
        sch = scheduler(tr.get("scheduler"), opt)
        losses = []
        for _ in range(tr["steps"]):
            opt.zero_grad()
            l = lossf(net(x.detach()), target)
            losses.append(l.item())
            l.backward()
            opt.step()
            if sch is not None:
                sch.step()
        result["losses"] = losses
        result["trained"] = {k: v.detach().clone() for k, v in net.named_parameters()}
    return result


def worst_ratio(a, b, rtol, atol):
    a = torch.as_tensor(a, dtype=torch.float64).reshape(-1)
    b = torch.as_tensor(b, dtype=torch.float64).reshape(-1)
    same = (torch.isnan(a) & torch.isnan(b)) | (a == b)
    err = ((a - b).abs() / (atol + rtol * b.abs())).masked_fill(same, 0.0)
    return float(err.max()) if err.numel() else 0.0


def tolerance_for(r32, r64):
    """The tolerance PyTorch's own float32 values meet against float64 within a quarter."""
    pairs = [(r32["output"], r64["output"]), (r32["loss"], r64["loss"])]
    pairs += [(r32["grads"][k], r64["grads"][k]) for k in r32["grads"]]
    if "losses" in r32:
        pairs.append((r32["losses"], r64["losses"]))
        pairs += [(r32["trained"][k], r64["trained"][k]) for k in r32["trained"]]
    for rtol, atol in LADDER:
        if max(worst_ratio(a, b, rtol, atol) for a, b in pairs) <= 0.25:
            return None if (rtol, atol) == LADDER[0] else (rtol, atol)
    raise SystemExit("no tolerance of the ladder holds")


def write(c, dtype_name, r, tol):
    dtype = DTYPES[dtype_name]
    name = c["name"] + "_" + dtype_name
    doc = {"format": "backprop4j.case/1", "name": name, "source": "torch 1.13.1 (make_issue11_cases.py)",
           "dtype": dtype_name, "model": c["model"], "loss": c["loss"],
           "params": {k: tj(v, dtype) for k, v in r["params0"].items()},
           "input": tj(c["input"].to(dtype), dtype)}
    t = r["target"]
    doc["target"] = {"shape": list(t.shape), "data": [int(v) for v in t.tolist()]} if t.dtype == torch.long \
        else tj(t, dtype)
    doc["expected"] = {"output": tj(r["output"], dtype), "loss": num(r["loss"].item(), dtype),
                       "grads": {k: tj(v, dtype) for k, v in r["grads"].items()}}
    if c.get("train"):
        tr = dict(c["train"])
        doc["train"] = {"optimizer": tr["optimizer"]}
        if tr.get("scheduler"):
            doc["train"]["scheduler"] = tr["scheduler"]
        doc["train"]["steps"] = tr["steps"]
        doc["train"]["losses"] = [num(v, dtype) for v in r["losses"]]
        doc["train"]["params"] = {k: tj(v, dtype) for k, v in r["trained"].items()}
    if tol is not None:
        doc["tolerance"] = {"rtol": tol[0], "atol": tol[1]}
    text = json.dumps(doc, indent=1) + "\n"
    os.makedirs(os.path.join(OUT, c["group"]), exist_ok=True)
    with open(os.path.join(OUT, c["group"], name + ".json"), "w") as f:
        f.write(text)
    if c["name"] in NN_CORE and "train" not in doc:
        with open(os.path.join(NN_CORE_OUT, name + ".json"), "w") as f:
            f.write(text)


def randn(seed, *shape, scale=1.0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g, dtype=torch.float64) * scale


def rand(seed, *shape):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(*shape, generator=g, dtype=torch.float64)


def classes(seed, batch, n):
    g = torch.Generator().manual_seed(seed)
    t = torch.randint(0, n, (batch,), generator=g)
    t[0] = n - 1  # the last class appears at least once
    return t


def probabilities(seed, batch, n):
    return torch.softmax(randn(seed, batch, n, scale=2.0), dim=1)


def vec(values):
    return {"shape": [len(values)], "data": values}


def sgd(lr, momentum=0.0):
    return {"type": "sgd", "lr": lr, "momentum": momentum, "dampening": 0.0, "weight_decay": 0.0, "nesterov": False}


def adam(kind, lr, weight_decay, amsgrad=False):
    return {"type": kind, "lr": lr, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": weight_decay,
            "amsgrad": amsgrad}


CASES = []


def float32_exact(t):
    """The values rounded to float32 once, so both dtypes' cases hold the same numbers."""
    return t if t.dtype == torch.long else t.to(torch.float32).to(torch.float64)


def case(name, group, model, loss, x, target, seed=1, train=None, params=None):
    x, target = float32_exact(x), float32_exact(target)
    CASES.append({"name": name, "group": group, "model": model, "loss": loss, "input": x, "target": target,
                  "seed": seed, "train": train, "params": params})


MEAN = "mean"
SUM = "sum"
# --- layers --------------------------------------------------------------------------------------
case("softmax_mse_4x3_batch5_mean", "layers", [lin(4, 3), {"type": "softmax"}], {"type": "mse", "reduction": MEAN},
     randn(11, 5, 4), rand(12, 5, 3), seed=1)
case("log_softmax_nll_weight_4x3_batch5_sum", "layers", [lin(4, 3), {"type": "log_softmax"}],
     {"type": "nll", "reduction": SUM, "weight": vec([0.5, 2.0, 1.25])}, randn(13, 5, 4), classes(14, 5, 3), seed=2)
case("gelu_tanh_silu_4x5x2_batch4_sum", "layers",
     [lin(4, 5), {"type": "gelu", "approximate": "tanh"}, lin(5, 5), {"type": "silu"}, lin(5, 2)],
     {"type": "mse", "reduction": SUM}, randn(15, 4, 4, scale=2.0), randn(16, 4, 2), seed=3)
case("gelu_elu_softplus_4x5x3_batch4_mean", "layers",
     [lin(4, 5), {"type": "gelu"}, lin(5, 5), {"type": "elu", "alpha": 0.5}, lin(5, 3),
      {"type": "softplus", "beta": 2.0, "threshold": 1.5}],
     {"type": "mse", "reduction": MEAN}, randn(17, 4, 4, scale=2.0), randn(18, 4, 3), seed=4)
case("defaults_gelu_elu_softplus_batch3_sum", "layers",
     [{"type": "gelu"}, lin(3, 4), {"type": "elu"}, lin(4, 2), {"type": "softplus"}],
     {"type": "huber", "reduction": SUM}, randn(19, 3, 3, scale=2.0), randn(20, 3, 2), seed=5)
case("dropout_eval_4x6x2_batch3_mean", "layers", [lin(4, 6), {"type": "relu"}, {"type": "dropout", "p": 0.4}, lin(6, 2)],
     {"type": "mse", "reduction": MEAN}, randn(21, 3, 4), randn(22, 3, 2), seed=6)
# activations at exactly 0 (and around it), no parameters
zeros = torch.tensor([[0.0, -0.0, 1.0, -1.0, 0.5], [-3.0, 3.0, 0.0, 25.0, -25.0]], dtype=torch.float64)
for act in [{"type": "gelu"}, {"type": "gelu", "approximate": "tanh"}, {"type": "silu"}, {"type": "elu", "alpha": 0.7},
            {"type": "softplus", "beta": 1.0, "threshold": 20.0}]:
    label = act["type"] + ("_tanh" if act.get("approximate") == "tanh" else "")
    case(label + "_at_zero_batch2_sum", "edge", [act], {"type": "mse", "reduction": SUM}, zeros,
         torch.full((2, 5), 0.25, dtype=torch.float64))
# --- losses --------------------------------------------------------------------------------------
for r in (MEAN, SUM):
    case("l1_4x3_batch5_" + r, "losses", [lin(4, 3)], {"type": "l1", "reduction": r}, randn(23, 5, 4), randn(24, 5, 3))
    case("huber_delta0p5_4x3_batch5_" + r, "losses", [lin(4, 3)], {"type": "huber", "reduction": r, "delta": 0.5},
         randn(25, 5, 4), randn(26, 5, 3, scale=2.0))
    case("ce_4x3_batch5_" + r, "losses", [lin(4, 3)], {"type": "cross_entropy", "reduction": r},
         randn(27, 5, 4), classes(28, 5, 3))
    case("ce_weight_smooth_4x3_batch5_" + r, "losses", [lin(4, 3)],
         {"type": "cross_entropy", "reduction": r, "label_smoothing": 0.1, "weight": vec([0.5, 2.0, 1.25])},
         randn(29, 5, 4), classes(30, 5, 3))
    case("ce_probabilities_smooth_4x3_batch5_" + r, "losses", [lin(4, 3)],
         {"type": "cross_entropy", "reduction": r, "label_smoothing": 0.2}, randn(31, 5, 4), probabilities(32, 5, 3))
    case("bce_pos_weight_4x3_batch5_" + r, "losses", [lin(4, 3)],
         {"type": "bce_with_logits", "reduction": r, "pos_weight": vec([2.0, 0.5, 1.0])}, randn(33, 5, 4, scale=2.0),
         rand(34, 5, 3))
    case("nll_4x3_batch5_" + r, "losses", [lin(4, 3), {"type": "log_softmax"}], {"type": "nll", "reduction": r},
         randn(35, 5, 4), classes(36, 5, 3))
case("ce_weight_4x3_batch5_mean", "losses", [lin(4, 3)],
     {"type": "cross_entropy", "reduction": MEAN, "weight": vec([3.0, 0.25, 1.0])}, randn(37, 5, 4), classes(38, 5, 3))
case("bce_4x2_batch3_mean", "losses", [lin(4, 2)], {"type": "bce_with_logits", "reduction": MEAN},
     randn(39, 3, 4), torch.tensor([[0.0, 1.0], [1.0, 1.0], [0.0, 0.25]], dtype=torch.float64))
case("l1_zero_difference_batch2_mean", "edge", [{"type": "identity"}], {"type": "l1", "reduction": MEAN},
     torch.tensor([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]], dtype=torch.float64),
     torch.tensor([[1.0, 0.0, 0.5], [0.0, 2.0, -1.0]], dtype=torch.float64))
case("huber_at_delta_batch2_sum", "edge", [{"type": "identity"}], {"type": "huber", "reduction": SUM, "delta": 0.5},
     torch.tensor([[1.0, -0.5, 0.25], [2.0, 0.5, -1.0]], dtype=torch.float64),
     torch.tensor([[0.5, 0.0, 0.25], [1.0, 0.0, 0.0]], dtype=torch.float64))
# logits of +-1e4: finite losses and gradients through the log-sum-exp
big = torch.tensor([[1e4, -1e4, 0.0], [-1e4, -1e4, 1e4], [5.0, 1e4, -1e4]], dtype=torch.float64)
case("ce_logits_1e4_batch3_mean", "edge", [{"type": "identity"}], {"type": "cross_entropy", "reduction": MEAN},
     big, torch.tensor([1, 2, 0]))
case("ce_logits_1e4_smooth_batch3_sum", "edge", [{"type": "identity"}],
     {"type": "cross_entropy", "reduction": SUM, "label_smoothing": 0.1}, big, torch.tensor([0, 2, 1]))
case("log_softmax_nll_logits_1e4_batch3_mean", "edge", [{"type": "log_softmax"}], {"type": "nll", "reduction": MEAN},
     big, torch.tensor([1, 2, 0]))
case("softmax_logits_1e4_batch3_sum", "edge", [{"type": "softmax"}], {"type": "mse", "reduction": SUM},
     big, rand(40, 3, 3))
case("bce_logits_1e4_batch3_mean", "edge", [{"type": "identity"}],
     {"type": "bce_with_logits", "reduction": MEAN, "pos_weight": vec([2.0, 0.5, 1.5])}, big,
     torch.tensor([[1.0, 0.0, 0.5], [0.0, 1.0, 1.0], [0.5, 0.0, 1.0]], dtype=torch.float64))
case("ce_batch1_4x3_mean", "edge", [lin(4, 3)], {"type": "cross_entropy", "reduction": MEAN},
     randn(41, 1, 4), torch.tensor([2]))
case("ce_two_classes_4x2_batch4_mean", "edge", [lin(4, 2)],
     {"type": "cross_entropy", "reduction": MEAN, "weight": vec([1.0, 3.0])}, randn(42, 4, 4), torch.tensor([1, 0, 1, 1]))
# --- training: adamw and the schedules -----------------------------------------------------------
case("train_adamw_ce_4x5x3_batch6", "train", [lin(4, 5), {"type": "tanh"}, lin(5, 3)],
     {"type": "cross_entropy", "reduction": MEAN}, randn(43, 6, 4), classes(44, 6, 3),
     train={"optimizer": adam("adamw", 0.05, 0.1), "steps": 8})
case("train_adamw_amsgrad_step_lr_mse_4x3_batch4", "train", [lin(4, 3)], {"type": "mse", "reduction": MEAN},
     randn(45, 4, 4), randn(46, 4, 3),
     train={"optimizer": adam("adamw", 0.02, 0.01, True), "scheduler": {"type": "step_lr", "step_size": 3, "gamma": 0.5},
            "steps": 10})
case("train_sgd_cosine_nll_4x3_batch5", "train", [lin(4, 3), {"type": "log_softmax"}], {"type": "nll", "reduction": SUM},
     randn(47, 5, 4), classes(48, 5, 3),
     train={"optimizer": sgd(0.1, 0.9), "scheduler": {"type": "cosine_annealing", "t_max": 3}, "steps": 10})
case("train_adam_cosine_eta_min_bce_4x2_batch4", "train", [lin(4, 4), {"type": "gelu"}, lin(4, 2)],
     {"type": "bce_with_logits", "reduction": MEAN}, randn(49, 4, 4), rand(50, 4, 2),
     train={"optimizer": adam("adam", 0.05, 0.0),
            "scheduler": {"type": "cosine_annealing", "t_max": 4, "eta_min": 0.01}, "steps": 12})


def main():
    for c in CASES:
        r64 = run(c, "float64")
        write(c, "float64", r64, None)
        r32 = run(c, "float32")
        write(c, "float32", r32, tolerance_for(r32, r64))
    print(len(CASES) * 2, "cases in", OUT)


if __name__ == "__main__":
    main()
