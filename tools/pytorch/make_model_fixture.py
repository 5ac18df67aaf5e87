#!/usr/bin/python3
"""Make the PyTorch-made model directories that nn-core's tests load.

Each directory is a backprop4j model directory (model.json + model.safetensors) written from a
torch.nn.Sequential, plus predictions.json: a few raw input rows and what PyTorch predicts for
them, computed as `backprop4j predict` does (standardise the inputs in float64, run the network
in the model's dtype, map the outputs back in float64, and for a classifier take the label of
the highest output). nn-core's ModelDirectoryTest reproduces those outputs in Java.

  /usr/bin/python3 tools/pytorch/make_model_fixture.py [--out DIR]

The safetensors files are written here with struct and json (Debian 12 has no
python3-safetensors) the way the reference writer lays them out: tensors sorted by name,
a compact JSON header with "__metadata__" first, padded with spaces to a multiple of 8 bytes.
After writing, every directory is read back with check_model.py's reader and its predictions
recomputed, which must agree bit for bit. Two runs write byte-identical files.

Finally the Java-written model directories there (java_*: model.json, model.safetensors, the
input.csv they were run on and the predictions.csv `backprop4j predict` wrote) are read back
with PyTorch, which must reproduce those predictions within the dtype's tolerance.
"""

import argparse
import json
import struct
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_model  # noqa: E402  (the reader lives there)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "nn-core" / "src" / "test" / "resources" / "models"
SOURCE = "torch 1.13.1 (make_model_fixture.py)"


def write_safetensors(path, state_dict):
    """state_dict (float32/float64 tensors) -> a safetensors file, laid out as the reference writer does."""
    codes = {torch.float32: "F32", torch.float64: "F64"}
    header = {"__metadata__": {"format": "pt"}}
    chunks = []
    offset = 0
    for key in sorted(state_dict):
        t = state_dict[key].detach().contiguous()
        fmt = "<" + ("f" if t.dtype == torch.float32 else "d") * t.numel()
        data = struct.pack(fmt, *t.flatten().tolist())
        header[key] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def layer_objects(network):
    """The case format's layer objects for a torch.nn.Sequential."""
    layers = []
    for m in network:
        if isinstance(m, torch.nn.Linear):
            layers.append({"type": "linear", "in": m.in_features, "out": m.out_features, "bias": m.bias is not None})
        elif isinstance(m, torch.nn.LeakyReLU):
            layers.append({"type": "leaky_relu", "negative_slope": m.negative_slope})
        else:
            names = {torch.nn.ReLU: "relu", torch.nn.Sigmoid: "sigmoid", torch.nn.Tanh: "tanh",
                     torch.nn.Identity: "identity"}
            layers.append({"type": names[type(m)]})
    return layers


def population_std(x):
    return x.std(dim=0, unbiased=False)


def make(out_dir, name, seed, dtype, network_fn, normalize_keys, names, classes):
    torch.manual_seed(seed)
    network = network_fn(dtype)
    in_width = network[0].in_features
    out_width = [m for m in network if isinstance(m, torch.nn.Linear)][-1].out_features
    scale = torch.tensor([10.0, 0.5, 100.0, 2.0, 1.0], dtype=torch.float64)[:in_width]
    shift = torch.tensor([50.0, -3.0, 400.0, 0.0, 7.0], dtype=torch.float64)[:in_width]
    population = torch.randn(200, in_width, dtype=torch.float64) * scale + shift
    inputs = torch.randn(6, in_width, dtype=torch.float64) * scale + shift
    stats = {
        "input_mean": population.mean(dim=0).tolist(),
        "input_std": population_std(population).tolist(),
        "target_mean": [10.0, -4.0][:out_width],
        "target_std": [3.0, 0.5][:out_width],
    }
    doc = {"format": check_model.FORMAT, "dtype": str(dtype).replace("torch.", ""), "model": layer_objects(network)}
    if normalize_keys:
        doc["normalize"] = {k: stats[k] for k in normalize_keys}
    if names:
        doc["input_names"] = [f"x{j}" for j in range(in_width)]
        doc["output_names"] = [f"y{j}" for j in range(out_width)]
    if classes:
        doc["classes"] = {"column": "label", "labels": classes}

    target = out_dir / name
    target.mkdir(parents=True, exist_ok=True)
    (target / "model.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    write_safetensors(target / "model.safetensors", network.state_dict())
    outputs, labels = check_model.predict(network.eval(), doc, inputs)

    reread, reread_doc = check_model.load_model(target)
    again, again_labels = check_model.predict(reread, reread_doc, inputs)
    if not torch.equal(again, outputs) or (labels is not None and not torch.equal(again_labels, labels)):
        raise SystemExit(f"{target}: predictions after reading the files back differ from before writing")

    predictions = {
        "source": SOURCE,
        "input": {"shape": list(inputs.shape), "data": inputs.flatten().tolist()},
        "output": {"shape": list(outputs.shape), "data": outputs.flatten().tolist()},
    }
    if labels is not None:
        predictions["classes"] = labels.tolist()
    (target / "predictions.json").write_text(json.dumps(predictions, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target} ({doc['dtype']}, {len(doc['model'])} layers)")


def regression_network(dtype):
    return torch.nn.Sequential(
        torch.nn.Linear(5, 8, dtype=dtype), torch.nn.LeakyReLU(0.2),
        torch.nn.Linear(8, 6, dtype=dtype), torch.nn.Tanh(),
        torch.nn.Linear(6, 4, bias=False, dtype=dtype), torch.nn.Sigmoid(),
        torch.nn.Linear(4, 2, dtype=dtype), torch.nn.Identity())


def classifier_network(dtype):
    return torch.nn.Sequential(
        torch.nn.Linear(5, 7, dtype=dtype), torch.nn.ReLU(),
        torch.nn.Linear(7, 3, dtype=dtype))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where to write (default {DEFAULT_OUT})")
    args = parser.parse_args()
    if not torch.__version__.startswith("1.13"):
        print(f"warning: made with torch {torch.__version__}, not 1.13.1", file=sys.stderr)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    make(args.out, "pytorch_regression_float32", 11, torch.float32, regression_network,
         ["input_mean", "input_std", "target_mean", "target_std"], names=True, classes=None)
    make(args.out, "pytorch_regression_float64", 12, torch.float64, regression_network,
         ["input_mean", "input_std", "target_mean", "target_std"], names=True, classes=None)
    make(args.out, "pytorch_classifier_float64", 13, torch.float64, classifier_network,
         ["input_mean", "input_std"], names=False, classes=[2, 5, 9])
    make(args.out, "pytorch_no_normalize_float32", 14, torch.float32, classifier_network,
         [], names=False, classes=None)
    check_java_models(args.out)


def check_java_models(out_dir):
    """Reads back the Java-written model directories (java_*) and compares with the predictions Java wrote."""
    for target in sorted(Path(out_dir).glob("java_*")):
        network, doc = check_model.load_model(target)
        y, classes = check_model.predict(network, doc, check_model.input_matrix(doc, target / "input.csv"))
        if check_model.compare(doc, y, classes, target / "predictions.csv"):
            raise SystemExit(f"{target}: PyTorch does not reproduce the predictions backprop4j wrote")
        print(f"read back {target}: PyTorch reproduces backprop4j's predictions")


if __name__ == "__main__":
    main()
