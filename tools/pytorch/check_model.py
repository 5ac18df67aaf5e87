#!/usr/bin/python3
"""Read a backprop4j model directory with PyTorch and compare its predictions.

A model directory holds model.json (format "backprop4j.model/1": dtype, layers, optional
normalize, input_names, output_names, classes) and model.safetensors (one tensor per
torch.nn.Sequential state_dict key). This script builds the torch.nn.Sequential that model.json
describes, loads the weights into it, and predicts for the rows of a CSV file exactly as
`backprop4j predict` does: x -> (x - input_mean) / input_std -> network -> y * target_std +
target_mean, and for a classifier the label of the highest output.

Debian 12 has no python3-safetensors package, so the safetensors file is parsed here with
struct and json, with the checks the reference implementation makes (header length, JSON
object, offsets tiling the data section exactly, byte sizes matching shape and dtype).

  /usr/bin/python3 tools/pytorch/check_model.py MODEL_DIR --input X.csv [--expected PRED.csv]

With --expected (the CSV that `backprop4j predict` wrote for the same input), every value is
compared with torch.testing.assert_close's default tolerance for the model's dtype, the
absolute part scaled by target_std when the outputs are de-standardised. Exit status: 0 when
everything matches (or nothing was compared), 1 on a mismatch, 2 on bad input.
"""

import argparse
import csv
import json
import math
import struct
import sys
from pathlib import Path

import torch

FORMAT = "backprop4j.model/1"
MAX_HEADER_BYTES = 100_000_000
SAFETENSORS_DTYPES = {"F32": (torch.float32, 4), "F64": (torch.float64, 8)}
TORCH_DTYPES = {"float32": torch.float32, "float64": torch.float64}
# torch.testing.assert_close defaults: (rtol, atol)
TOLERANCE = {"float32": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7)}


class InputError(Exception):
    """Bad input: the message names the file and what is wrong."""


def read_safetensors(path):
    """Every tensor of a safetensors file, by key, as CPU tensors of the stored dtype."""
    data = Path(path).read_bytes()
    if len(data) < 8:
        raise InputError(f"{path}: {len(data)} bytes; a safetensors file starts with an 8-byte header length")
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER_BYTES or 8 + n > len(data):
        raise InputError(f"{path}: header length {n} is too large for a file of {len(data)} bytes")
    text = data[8:8 + n].decode("utf-8")
    if not text.startswith("{"):
        raise InputError(f"{path}: header does not start with '{{'")
    header = json.loads(text, object_pairs_hook=_no_duplicates(path))
    header.pop("__metadata__", None)
    buffer = data[8 + n:]
    entries = sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"]))
    expected_begin = 0
    tensors = {}
    for key, info in entries:
        if info["dtype"] not in SAFETENSORS_DTYPES:
            raise InputError(f"{path}: tensor '{key}' has dtype {info['dtype']}; supported: F32, F64")
        dtype, size = SAFETENSORS_DTYPES[info["dtype"]]
        begin, end = info["data_offsets"]
        count = math.prod(info["shape"])
        if begin != expected_begin or end - begin != count * size:
            raise InputError(f"{path}: tensor '{key}' has data_offsets [{begin}, {end}]; expected "
                             f"[{expected_begin}, {expected_begin + count * size}]")
        fmt = "<" + ("f" if size == 4 else "d") * count
        values = struct.unpack(fmt, buffer[begin:end])
        tensors[key] = torch.tensor(values, dtype=dtype).reshape(info["shape"])
        expected_begin = end
    if expected_begin != len(buffer):
        raise InputError(f"{path}: the tensors cover {expected_begin} bytes of a data section of {len(buffer)}")
    return tensors


def _no_duplicates(path):
    def hook(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise InputError(f"{path}: a JSON object repeats a key: {keys}")
        return dict(pairs)
    return hook


def build_network(layers, dtype):
    """The torch.nn.Sequential for model.json's layer objects (the case format's)."""
    modules = []
    for i, layer in enumerate(layers):
        kind = layer["type"]
        if kind == "linear":
            modules.append(torch.nn.Linear(layer["in"], layer["out"], bias=layer.get("bias", True), dtype=dtype))
        elif kind == "relu":
            modules.append(torch.nn.ReLU())
        elif kind == "leaky_relu":
            modules.append(torch.nn.LeakyReLU(layer.get("negative_slope", 0.01)))
        elif kind == "sigmoid":
            modules.append(torch.nn.Sigmoid())
        elif kind == "tanh":
            modules.append(torch.nn.Tanh())
        elif kind == "identity":
            modules.append(torch.nn.Identity())
        else:
            raise InputError(f"model[{i}] has type '{kind}'; expected linear, relu, leaky_relu, sigmoid, tanh, identity")
    return torch.nn.Sequential(*modules)


def load_model(model_dir):
    """(network, model.json as a dict) for a model directory; the network is in model.json's dtype."""
    model_dir = Path(model_dir)
    doc = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    if doc.get("format") != FORMAT:
        raise InputError(f"{model_dir / 'model.json'}: format is {doc.get('format')!r}; expected {FORMAT!r}")
    dtype = TORCH_DTYPES[doc["dtype"]]
    network = build_network(doc["model"], dtype)
    tensors = read_safetensors(model_dir / "model.safetensors")
    network.load_state_dict({k: v.to(dtype) for k, v in tensors.items()}, strict=True)
    return network.eval(), doc


def predict(network, doc, x):
    """Outputs for raw inputs x (float64 [rows, in]), in float64, as `backprop4j predict` computes them."""
    norm = doc.get("normalize", {})
    h = x.clone()
    if "input_mean" in norm:
        h = h - torch.tensor(norm["input_mean"], dtype=torch.float64)
    if "input_std" in norm:
        h = h / torch.tensor(norm["input_std"], dtype=torch.float64)
    with torch.no_grad():
        y = network(h.to(TORCH_DTYPES[doc["dtype"]])).to(torch.float64)
    if "target_std" in norm:
        y = y * torch.tensor(norm["target_std"], dtype=torch.float64)
    if "target_mean" in norm:
        y = y + torch.tensor(norm["target_mean"], dtype=torch.float64)
    classes = None
    if "classes" in doc:
        labels = torch.tensor(doc["classes"]["labels"])
        classes = labels[torch.argmax(y, dim=1)]
    return y, classes


def read_csv(path):
    """(header, rows of strings) of a CSV file with a header row."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r]
    if not rows:
        raise InputError(f"{path}: empty; expected a header row")
    return rows[0], rows[1:]


def input_matrix(doc, path):
    """The model's input columns of a CSV file (by input_names, or all columns in order) as float64."""
    header, rows = read_csv(path)
    names = doc.get("input_names")
    if names:
        missing = [n for n in names if n not in header]
        if missing:
            raise InputError(f"{path}: no column {missing[0]!r}; the model reads {names}")
        index = [header.index(n) for n in names]
    else:
        index = list(range(len(header)))
    return torch.tensor([[float(r[i]) for i in index] for r in rows], dtype=torch.float64)


def output_names(doc, width):
    return doc.get("output_names") or [f"output_{j}" for j in range(width)]


def compare(doc, y, classes, expected_path):
    """Compares predictions with `backprop4j predict`'s CSV; returns the number of mismatches."""
    header, rows = read_csv(expected_path)
    names = output_names(doc, y.shape[1])
    if len(rows) != y.shape[0]:
        raise InputError(f"{expected_path}: {len(rows)} rows; expected {y.shape[0]}, one per input row")
    rtol, atol = TOLERANCE[doc["dtype"]]
    std = doc.get("normalize", {}).get("target_std", [1.0] * y.shape[1])
    mismatches = 0
    worst = 0.0
    for j, name in enumerate(names):
        if name not in header:
            raise InputError(f"{expected_path}: no column {name!r}")
        col = header.index(name)
        for i, row in enumerate(rows):
            actual = float(row[col])
            want = y[i, j].item()
            bound = atol * std[j] + rtol * abs(want)
            worst = max(worst, abs(actual - want) / bound)
            if not abs(actual - want) <= bound:
                mismatches += 1
                print(f"mismatch: row {i}, {name}: backprop4j {actual!r}, PyTorch {want!r}, bound {bound:.3g}")
    if classes is not None:
        column = doc["classes"]["column"]
        col = header.index(column)
        for i, row in enumerate(rows):
            if int(row[col]) != classes[i].item():
                mismatches += 1
                print(f"mismatch: row {i}, {column}: backprop4j {row[col]}, PyTorch {classes[i].item()}")
    print(f"compared {len(rows)} rows x {len(names)} outputs with rtol {rtol}, atol {atol} (x target_std): "
          f"{mismatches} mismatches; largest difference {worst:.3g} of the allowed bound")
    return mismatches


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", help="a directory with model.json and model.safetensors")
    parser.add_argument("--input", required=True, help="CSV with a header row holding the model's input columns")
    parser.add_argument("--expected", help="the CSV `backprop4j predict` wrote for --input, to compare with")
    parser.add_argument("--show", type=int, default=5, help="rows of predictions to print (default 5)")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    try:
        network, doc = load_model(args.model_dir)
        x = input_matrix(doc, args.input)
        y, classes = predict(network, doc, x)
        print(f"torch {torch.__version__}: {args.model_dir} ({doc['dtype']})")
        print(network)
        names = output_names(doc, y.shape[1])
        print(",".join(names + ([doc["classes"]["column"]] if classes is not None else [])))
        for i in range(min(args.show, y.shape[0])):
            values = [repr(v) for v in y[i].tolist()]
            print(",".join(values + ([str(classes[i].item())] if classes is not None else [])))
        if args.expected:
            return 1 if compare(doc, y, classes, args.expected) else 0
        return 0
    except (InputError, KeyError, ValueError, OSError) as e:
        print(f"check_model.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
