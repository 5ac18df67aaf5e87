#!/usr/bin/python3
"""Write a few conformance cases the way an outside team would.

This script stands for a producer that knows only the case-format contract
(docs/case-format.md), not backprop4j's own generator: it shares no code with
generate_cases.py. Its files differ from the generator's in everything the contract
leaves open, so that a reader which depends on the generator's habits fails on them:

* compact one-line JSON, keys in another order (tensors as {"data", "shape"},
  "format" last, gradients of the parameters before the input's);
* optional fields omitted where the contract gives a default ("bias",
  "negative_slope", "delta", "label_smoothing", "alpha", "beta", "threshold",
  "approximate", "eta_min");
* numbers as Python's json module writes them: float32 values as the exact double
  they are (0.30000001192092896), integral values sometimes as 3 and sometimes as
  3.0 (class indices 2.0 in one file and 2 in another, "threshold": 20, "lr": 1,
  "weight_decay": 0), exponents as 1e-06;
* a "source" naming this script.

Usage: /usr/bin/python3 tools/pytorch/other_producer.py [--out DIR]
(default: conformance-tests/src/test/resources/other-producer). Deterministic:
two runs write byte-identical files.
"""

import argparse
import json
import os
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "..", "conformance-tests", "src", "test", "resources", "other-producer")
SOURCE = "other_producer.py (an outside producer; torch 1.13.1)"


def module_for(layer):
    """torch module for one layer object, defaults as the contract states them."""
    kind = layer["type"]
    if kind == "linear":
        return nn.Linear(layer["in"], layer["out"], bias=layer.get("bias", True))
    simple = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "identity": nn.Identity,
              "silu": nn.SiLU}
    if kind in simple:
        return simple[kind]()
    if kind == "softmax":
        return nn.Softmax(dim=1)
    if kind == "log_softmax":
        return nn.LogSoftmax(dim=1)
    if kind == "leaky_relu":
        return nn.LeakyReLU(layer.get("negative_slope", 0.01))
    if kind == "gelu":
        return nn.GELU(approximate=layer.get("approximate", "none"))
    if kind == "elu":
        return nn.ELU(alpha=layer.get("alpha", 1.0))
    if kind == "softplus":
        return nn.Softplus(beta=layer.get("beta", 1.0), threshold=layer.get("threshold", 20.0))
    if kind == "dropout":
        return nn.Dropout(layer["p"])
    raise ValueError(f"unknown layer {kind}")


def criterion_for(loss, dtype):
    kind, red = loss["type"], loss["reduction"]

    def vector(key):
        return torch.tensor(loss[key]["data"], dtype=dtype) if key in loss else None

    if kind == "mse":
        return nn.MSELoss(reduction=red)
    if kind == "l1":
        return nn.L1Loss(reduction=red)
    if kind == "huber":
        return nn.HuberLoss(reduction=red, delta=loss.get("delta", 1.0))
    if kind == "cross_entropy":
        return nn.CrossEntropyLoss(weight=vector("weight"), reduction=red,
                                   label_smoothing=loss.get("label_smoothing", 0.0))
    if kind == "nll":
        return nn.NLLLoss(weight=vector("weight"), reduction=red)
    if kind == "bce_with_logits":
        return nn.BCEWithLogitsLoss(pos_weight=vector("pos_weight"), reduction=red)
    raise ValueError(f"unknown loss {kind}")


def as_tensor_object(t):
    """A tensor object with "data" before "shape"; values exactly as tolist() gives them."""
    return {"data": t.detach().reshape(-1).tolist(), "shape": list(t.shape)}


def make_case(spec):
    dtype = {"float32": torch.float32, "float64": torch.float64}[spec["dtype"]]
    torch.manual_seed(spec["seed"])
    torch.set_default_dtype(dtype)
    try:
        net = nn.Sequential(*[module_for(layer) for layer in spec["model"]]).eval()
        width_in = spec["model"][0]["in"]
        width_out = [layer for layer in spec["model"] if layer["type"] == "linear"][-1]["out"]
        x = torch.randn(spec["batch"], width_in)
        kind = spec["targets"]
        if kind == "class":
            target = torch.randint(0, width_out, (spec["batch"],))
        elif kind == "prob":
            target = torch.softmax(torch.randn(spec["batch"], width_out), dim=1)
        elif kind == "binary":
            target = torch.bernoulli(torch.full((spec["batch"], width_out), 0.5))
        else:
            target = torch.randn(spec["batch"], width_out)
        criterion = criterion_for(spec["loss"], dtype)
        start = {k: v.clone() for k, v in net.state_dict().items()}

        xg = x.clone().requires_grad_(True)
        out = net(xg)
        value = criterion(out, target)
        value.backward()
        grads = {k: as_tensor_object(p.grad) for k, p in net.named_parameters()}
        grads["input"] = as_tensor_object(xg.grad)

        if kind == "class" and spec.get("class_indices_as_floats"):
            target_obj = as_tensor_object(target.to(dtype))  # 2.0 rather than 2
        else:
            target_obj = as_tensor_object(target)

        case = {
            "source": SOURCE,
            "dtype": spec["dtype"],
            "name": spec["name"],
            "model": spec["model"],
            "params": {k: as_tensor_object(v) for k, v in start.items()},
            "input": as_tensor_object(x),
            "target": target_obj,
            "loss": spec["loss"],
            "expected": {"grads": grads, "loss": value.item(), "output": as_tensor_object(out)},
        }
        if "train" in spec:
            case["train"] = run_training(spec, net, start, x, target, criterion)
        if "tolerance" in spec:
            case["tolerance"] = spec["tolerance"]
        case["format"] = "backprop4j.case/1"
        return case
    finally:
        torch.set_default_dtype(torch.float32)


def run_training(spec, net, start, x, target, criterion):
    plan = spec["train"]
    net.load_state_dict(start)
    opt_spec = plan["optimizer"]
    if opt_spec["type"] == "sgd":
        opt = torch.optim.SGD(net.parameters(), lr=opt_spec["lr"], momentum=opt_spec["momentum"],
                              dampening=opt_spec["dampening"], weight_decay=opt_spec["weight_decay"],
                              nesterov=opt_spec["nesterov"])
    else:
        cls = torch.optim.AdamW if opt_spec["type"] == "adamw" else torch.optim.Adam
        opt = cls(net.parameters(), lr=opt_spec["lr"], betas=tuple(opt_spec["betas"]), eps=opt_spec["eps"],
                  weight_decay=opt_spec["weight_decay"], amsgrad=opt_spec["amsgrad"])
    sched_spec = plan.get("scheduler")
    sched = None
    if sched_spec and sched_spec["type"] == "step_lr":
        sched = torch.optim.lr_scheduler.StepLR(opt, sched_spec["step_size"], gamma=sched_spec["gamma"])
    elif sched_spec:
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, sched_spec["t_max"],
                                                           eta_min=sched_spec.get("eta_min", 0))
    history = []
    for _ in range(plan["steps"]):
        opt.zero_grad()
        value = criterion(net(x), target)
        history.append(value.item())
        value.backward()
        opt.step()
        if sched:
            sched.step()
    result = {"steps": plan["steps"], "optimizer": opt_spec}
    if sched_spec:
        result["scheduler"] = sched_spec
    result["params"] = {k: as_tensor_object(v) for k, v in net.state_dict().items()}
    result["losses"] = history
    return result


SPECS = [
    {"name": "other_cross_entropy_weight_gelu_float32", "dtype": "float32", "seed": 101, "batch": 6,
     "model": [{"out": 4, "in": 5, "type": "linear"}, {"type": "gelu"}, {"type": "linear", "in": 4, "out": 3}],
     "loss": {"weight": {"data": [1, 2, 0.5], "shape": [3]}, "reduction": "mean", "type": "cross_entropy"},
     "targets": "class", "class_indices_as_floats": True},
    {"name": "other_huber_elu_softplus_float64", "dtype": "float64", "seed": 102, "batch": 5,
     "model": [{"type": "linear", "in": 4, "out": 6}, {"type": "elu"}, {"in": 6, "out": 3, "type": "linear"},
               {"type": "softplus"}],
     "loss": {"reduction": "sum", "type": "huber"}, "targets": "regression"},
    {"name": "other_leaky_relu_silu_l1_float64", "dtype": "float64", "seed": 103, "batch": 4,
     "model": [{"type": "linear", "in": 3, "out": 5}, {"type": "leaky_relu"}, {"type": "linear", "in": 5, "out": 5},
               {"type": "silu"}, {"type": "linear", "in": 5, "out": 2, "bias": False}],
     "loss": {"type": "l1", "reduction": "mean"}, "targets": "regression",
     "tolerance": {"atol": 1e-06, "rtol": 1e-06}},
    {"name": "other_bce_pos_weight_adamw_cosine_float64", "dtype": "float64", "seed": 104, "batch": 6,
     "model": [{"type": "linear", "in": 4, "out": 5}, {"type": "tanh"}, {"type": "linear", "in": 5, "out": 2}],
     "loss": {"type": "bce_with_logits", "pos_weight": {"shape": [2], "data": [2, 1]}, "reduction": "mean"},
     "targets": "binary",
     "train": {"optimizer": {"weight_decay": 0, "type": "adamw", "lr": 0.05, "amsgrad": False,
                             "betas": [0.9, 0.999], "eps": 1e-08},
               "scheduler": {"t_max": 3, "type": "cosine_annealing"}, "steps": 6}},
    {"name": "other_nll_log_softmax_sgd_step_lr_float32", "dtype": "float32", "seed": 105, "batch": 5,
     "model": [{"type": "linear", "in": 3, "out": 4}, {"type": "log_softmax"}],
     "loss": {"type": "nll", "reduction": "sum"}, "targets": "class",
     "train": {"optimizer": {"type": "sgd", "lr": 1, "momentum": 0, "dampening": 0, "weight_decay": 0,
                             "nesterov": False},
               "scheduler": {"type": "step_lr", "step_size": 2, "gamma": 0.5}, "steps": 5}},
    {"name": "other_dropout_softmax_mse_float32", "dtype": "float32", "seed": 106, "batch": 4,
     "model": [{"type": "linear", "in": 5, "out": 6}, {"type": "dropout", "p": 0}, {"type": "relu"},
               {"type": "linear", "in": 6, "out": 3}, {"type": "dropout", "p": 0.5}, {"type": "softmax"}],
     "loss": {"type": "mse", "reduction": "mean"}, "targets": "regression"},
    {"name": "other_cross_entropy_prob_label_smoothing_gelu_tanh_float64", "dtype": "float64", "seed": 107,
     "batch": 5,
     "model": [{"type": "linear", "in": 4, "out": 6}, {"type": "gelu", "approximate": "tanh"},
               {"type": "linear", "in": 6, "out": 3}],
     "loss": {"label_smoothing": 0.05, "type": "cross_entropy", "reduction": "sum"}, "targets": "prob"},
    {"name": "other_softplus_int_hyperparameters_adam_float32", "dtype": "float32", "seed": 108, "batch": 6,
     "model": [{"type": "linear", "in": 4, "out": 5, "bias": True},
               {"type": "softplus", "beta": 2, "threshold": 5}, {"type": "linear", "in": 5, "out": 4},
               {"type": "elu", "alpha": 1}],
     "loss": {"type": "huber", "reduction": "mean", "delta": 2}, "targets": "regression",
     "train": {"optimizer": {"type": "adam", "lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-08,
                             "weight_decay": 0.0, "amsgrad": True}, "steps": 4}},
]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.normpath(DEFAULT_OUT))
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    for spec in SPECS:
        case = make_case(spec)
        text = json.dumps(case, separators=(",", ":")) + "\n"
        if json.loads(text) != case:
            raise SystemExit(f"{spec['name']}: the written JSON does not parse back to the case")
        path = os.path.join(args.out, spec["name"] + ".json")
        with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
