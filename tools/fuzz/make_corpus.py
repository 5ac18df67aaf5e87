#!/usr/bin/env python3
"""Writes the fuzz tests' seed corpus into cli/src/test/resources/fuzz (standard library only).

Valid seeds are copies of committed fixtures (models written by `backprop4j train` and by
PyTorch, built-in conformance cases, the diabetes data); the bad ones are the hand-made inputs
of issue 9, one problem each. Run from the repository root: python3 tools/fuzz/make_corpus.py
"""
import json
import os
import shutil
import struct

ROOT = os.path.join("cli", "src", "test", "resources", "fuzz")
MODELS = os.path.join("nn-core", "src", "test", "resources", "models")
CASES = os.path.join("conformance-tests", "src", "main", "resources", "org", "backprop4j", "conformance", "cases")


def write(path, data):
    path = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def safetensors(header, data=b"", length=None):
    h = json.dumps(header, separators=(",", ":")).encode("utf-8") if not isinstance(header, bytes) else header
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h) if length is None else length) + h + data


def read(path):
    with open(path, "rb") as f:
        return f.read()


def f32(*values):
    return struct.pack("<%df" % len(values), *values)


def f64(*values):
    return struct.pack("<%dd" % len(values), *values)


def model_dir(name, model_json, weights):
    write(os.path.join("models", name, "model.json"), model_json)
    write(os.path.join("models", name, "model.safetensors"), weights)


def main():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)

    # safetensors: valid
    write("safetensors/diabetes_f32.safetensors", read(os.path.join(MODELS, "java_diabetes_float32", "model.safetensors")))
    write("safetensors/classifier_f64.safetensors", read(os.path.join(MODELS, "pytorch_classifier_float64", "model.safetensors")))
    write("safetensors/metadata.safetensors", safetensors(
        {"__metadata__": {"format": "pt"}, "a": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]},
         "b": {"dtype": "F64", "shape": [1], "data_offsets": [0, 8]}}, f64(0.5) + f32(1, -2)))
    write("safetensors/empty.safetensors", safetensors({}))
    write("safetensors/scalar_and_zero.safetensors", safetensors(
        {"s": {"dtype": "F64", "shape": [], "data_offsets": [0, 8]},
         "z": {"dtype": "F32", "shape": [0, 3], "data_offsets": [8, 8]}}, f64(7)))
    write("safetensors/nan_weight.safetensors", safetensors(
        {"0.weight": {"dtype": "F32", "shape": [1, 2], "data_offsets": [0, 8]}}, f32(float("nan"), 1)))
    write("safetensors/f64_1e300.safetensors", safetensors(
        {"0.weight": {"dtype": "F64", "shape": [1, 1], "data_offsets": [0, 8]}}, f64(1e300)))
    # safetensors: bad
    ok = {"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
    write("safetensors/bad_header_length_past_end.safetensors", safetensors(ok, f32(1, 2), length=90_000_000))
    write("safetensors/bad_header_length_huge.safetensors", b"\xff" * 8 + b"{}")
    write("safetensors/bad_short.safetensors", b"\x02\x00\x00")
    write("safetensors/bad_not_utf8.safetensors", safetensors(b'{"\xff":1}'))
    write("safetensors/bad_duplicate_key.safetensors", safetensors(
        b'{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}',
        f32(1)))
    write("safetensors/bad_overlapping_offsets.safetensors", safetensors(
        {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
         "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, f32(1, 2, 3)))
    write("safetensors/bad_gap.safetensors", safetensors(
        {"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, f32(1, 2)))
    write("safetensors/bad_dtype_f16.safetensors", safetensors(
        {"a": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]}}, b"\x00" * 4))
    write("safetensors/bad_shape_negative.safetensors", safetensors(
        {"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}, f32(1)))
    write("safetensors/bad_shape_overflow.safetensors", safetensors(
        {"a": {"dtype": "F32", "shape": [65536, 65536, 65536], "data_offsets": [0, 4]}}, f32(1)))
    write("safetensors/bad_not_json.safetensors", safetensors(b"root:x:0:0:root:/root:/bin/bash"))
    write("safetensors/bad_metadata_number.safetensors", safetensors({"__metadata__": {"n": 1}}))
    write("safetensors/bad_junk.safetensors", bytes((i * 7919 + 13) % 251 for i in range(2048)))

    # model directories: valid
    for name, source in [("diabetes_f32", "java_diabetes_float32"), ("classifier_f64", "pytorch_classifier_float64"),
                         ("regression_f32", "pytorch_regression_float32"), ("plain_f32", "pytorch_no_normalize_float32")]:
        model_dir(name, read(os.path.join(MODELS, source, "model.json")),
                  read(os.path.join(MODELS, source, "model.safetensors")))
    # model directories: bad, each from the diabetes model with one problem
    diabetes_json = read(os.path.join(MODELS, "java_diabetes_float32", "model.json")).decode("utf-8")
    diabetes_weights = read(os.path.join(MODELS, "java_diabetes_float32", "model.safetensors"))
    wide = json.loads(diabetes_json)
    wide["model"][0]["out"] = 20000
    wide["model"][2]["in"] = 20000
    model_dir("bad_widths_20000", json.dumps(wide), diabetes_weights)
    tiny = json.loads(diabetes_json)
    tiny["normalize"]["input_std"][3] = 1e-320
    model_dir("bad_std_subnormal", json.dumps(tiny), diabetes_weights)
    labelled = json.loads(diabetes_json)
    labelled["classes"] = {"column": "progression", "labels": [0]}
    model_dir("bad_classes_on_regression", json.dumps(labelled), diabetes_weights)
    model_dir("bad_model_json_passwd", "root:x:0:0:root:/root:/bin/bash\n", diabetes_weights)
    model_dir("bad_model_json_deep", "[" * 5000 + "]" * 5000, diabetes_weights)
    model_dir("bad_model_json_duplicate", diabetes_json.replace('"dtype": "float32"', '"dtype": "float32", "dtype": "float64"'),
              diabetes_weights)
    model_dir("bad_model_json_huge_number", diabetes_json.replace('"in": 10', '"in": 1e999'), diabetes_weights)
    header_len = struct.unpack("<Q", diabetes_weights[:8])[0]
    nan_weights = bytearray(diabetes_weights)
    nan_weights[8 + header_len:8 + header_len + 4] = f32(float("nan"))
    model_dir("bad_nan_weight", diabetes_json, bytes(nan_weights))
    model_dir("bad_f64_1e300_for_f32",
              read(os.path.join(MODELS, "pytorch_classifier_float64", "model.json")).decode("utf-8").replace(
                  '"float64"', '"float32"'),
              read(os.path.join(MODELS, "pytorch_classifier_float64", "model.safetensors"))[:-8] + f64(1e300))

    # case files: valid
    for name in ["shapes/linear_1x1_batch6_mean_float32.json", "shapes/linear_tanh_4x3_batch1_sum_float64.json",
                 "train/train_sgd_momentum0p9_3x5x2_tanh_batch6_mean_float32.json"]:
        write("cases/" + os.path.basename(name), read(os.path.join(CASES, name)))
    case = read(os.path.join(CASES, "shapes/linear_1x1_batch6_mean_float32.json")).decode("utf-8")
    # case files: bad
    write("cases/bad_duplicate_key.json", case.replace('"dtype": "float32"', '"dtype": "float32", "dtype": "float32"'))
    write("cases/bad_deep_nesting.json", "[" * 5000 + "]" * 5000)
    write("cases/bad_shape_mismatch.json", case.replace('"input": {"shape": [6, 1]', '"input": {"shape": [6, 2]'))
    write("cases/bad_huge_number.json", case.replace("0.93518245", "1e999"))
    wide_case = read(os.path.join(CASES, "shapes/linear_tanh_4x3_batch1_sum_float64.json")).decode("utf-8")
    write("cases/bad_huge_shape.json", wide_case.replace('"input": {"shape": [1, 4]', '"input": {"shape": [2147483647, 4]'))
    write("cases/bad_trailing.json", case + "{}")
    write("cases/bad_empty.json", "")
    write("cases/bad_not_utf8.json", case.encode("utf-8").replace(b"linear_1x1", b"linear_\xff"))

    # CSV: valid
    with open(os.path.join("data", "diabetes.csv"), encoding="utf-8") as f:
        write("csv/diabetes_head.csv", "".join(f.readlines()[:12]))
    write("csv/quoted.csv", 'a, "b, c" ,"say ""hi"""\r\n1,2.5,-3e2\r\n\r\n .5 ,+4,"6"\r\n')
    write("csv/bom_cr.csv", "\ufeffx,y\r1,2\r3,4\r")
    write("csv/non_finite.csv", "a,b\nnan,1\n-inf,Infinity\n")
    write("csv/one_column.csv", 'a\n""\n1\n"\ufeff2"\n')
    # CSV: bad
    write("csv/bad_nul.csv", b"a,b\n1,\x002\n")
    write("csv/bad_latin1.csv", "a,b\n1,\u00e9\n".encode("latin-1"))
    write("csv/bad_quote.csv", 'a,b\n1,"2\n')
    write("csv/bad_after_quote.csv", 'a,b\n1,"2"x\n')
    write("csv/bad_field_count.csv", "a,b,c\n1,2\n")
    write("csv/bad_duplicate_header.csv", "a,b,a\n1,2,3\n")
    write("csv/bad_empty_name.csv", "a,,c\n1,2,3\n")
    write("csv/bad_number.csv", "a,b\n1,0x1p3\n1e999,1d\n")
    write("csv/bad_empty.csv", "")


if __name__ == "__main__":
    main()
