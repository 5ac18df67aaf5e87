#!/usr/bin/python3
"""Measure PyTorch on backprop4j's three benchmark training steps.

The same steps as benchmarks/ (org.backprop4j.bench.StepConfig, TrainingStep): a stack
of nn.Linear layers with nn.ReLU between them, trained on one fixed batch (uniform in
[-1, 1), fixed seed) with nn.MSELoss() (mean) and torch.optim.SGD(lr=1e-3):

    tiny    batch 8,   10 -> 2
    digits  batch 64,  64 -> 128 -> 10
    large   batch 256, 1024 -> 1024 -> 1024 -> 10

One step is opt.zero_grad(); loss_fn(model(x), y).backward(); opt.step(), in eager
mode, in float32 and float64, for every thread count N of --threads (default: 1 and the
logical CPU count; the benchmark report compares at the thread count its own run used),
in up to two setups:

    default  torch.set_num_threads(N) and OpenBLAS on N threads: what `import torch` gives
             on N cores (torch's default is one thread per core)
    tuned    (N > 1 only) torch.set_num_threads(1) and OpenBLAS on N threads: PyTorch's own
             OpenMP pool, which otherwise spins between ops on the cores OpenBLAS needs
             (OMP_WAIT_POLICY=passive does as well), stays out of the way of the products

Each measurement repeats timed windows after a warm-up window and reports the mean
steps/s and the standard deviation over the windows.

The result is JSON in the format "backprop4j.bench.pytorch/1", which the benchmark
report reads; by default it overwrites the copy bundled with the benchmarks module.

Usage (Debian/Ubuntu: apt-get install -y python3-torch):

    /usr/bin/python3 tools/pytorch/bench_reference.py
    /usr/bin/python3 tools/pytorch/bench_reference.py --threads 1 2 --out FILE [--quick]
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

FORMAT = "backprop4j.bench.pytorch/1"
REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "benchmarks", "src", "main", "resources", "org", "backprop4j", "bench",
                           "pytorch-reference.json")
CONFIGS = {
    "tiny": (8, [10, 2]),
    "digits": (64, [64, 128, 10]),
    "large": (256, [1024, 1024, 1024, 10]),
}
SETUPS = ("default", "tuned")
LEARNING_RATE = 1e-3
SEED = 42


def build_step(torch, config, dtype):
    """The model, data and a closure running one training step, as TrainingStep does."""
    batch, widths = CONFIGS[config]
    torch.manual_seed(SEED)
    layers = []
    for i in range(len(widths) - 1):
        if i > 0:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
    model = torch.nn.Sequential(*layers).to(dtype)
    x = torch.rand(batch, widths[0], dtype=dtype) * 2 - 1
    y = torch.rand(batch, widths[-1], dtype=dtype) * 2 - 1
    loss_fn = torch.nn.MSELoss()
    opt = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    return step


def steps_per_second(step, window):
    """Runs step() for at least `window` seconds; returns the steps per second."""
    count = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < window:
        step()
        count += 1
        elapsed = time.perf_counter() - start
    return count / elapsed


def measure(torch, config, dtype_name, threads, setup, repeats, window):
    dtype = {"float32": torch.float32, "float64": torch.float64}[dtype_name]
    step = build_step(torch, config, dtype)
    steps_per_second(step, window)  # warm-up
    rates = [steps_per_second(step, window) for _ in range(repeats)]
    return {
        "config": config,
        "dtype": dtype_name,
        "threads": threads,
        "setup": setup,
        "batch": CONFIGS[config][0],
        "widths": CONFIGS[config][1],
        "steps_per_second": statistics.mean(rates),
        "stdev": statistics.stdev(rates) if len(rates) > 1 else 0.0,
        "repeats": repeats,
        "window_seconds": window,
    }


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average():
    try:
        return " ".join("%.2f" % v for v in os.getloadavg())
    except OSError:
        return "unknown"


def loaded_libraries(predicate):
    """Paths of the shared libraries mapped into this process whose file name satisfies predicate."""
    paths = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                fields = line.split()
                path = fields[-1] if len(fields) >= 6 else ""
                if predicate(os.path.basename(path)) and path not in paths:
                    paths.append(path)
    except OSError:
        pass
    return paths


def set_blas_threads(n):
    """torch.set_num_threads does not reach OpenBLAS's own pthreads pool; set it directly."""
    import ctypes
    for path in loaded_libraries(lambda name: "openblas" in name):
        ctypes.CDLL(path).openblas_set_num_threads(n)


def blas_info():
    """Which BLAS library this process has loaded (torch links libblas.so.3, whatever provides it).

    Debian's libblas3 is the slow reference implementation; with libopenblas0-pthread
    installed (or its directory on LD_LIBRARY_PATH) torch uses OpenBLAS, whose kernel
    ("core") is asked through ctypes.
    """
    paths = loaded_libraries(lambda name: "blas" in name or "mkl" in name)
    for path in paths:
        if "openblas" in os.path.basename(path):
            try:
                import ctypes
                lib = ctypes.CDLL(path)
                lib.openblas_get_corename.restype = ctypes.c_char_p
                lib.openblas_get_config.restype = ctypes.c_char_p
                return "%s, core %s (%s)" % (lib.openblas_get_config().decode().strip(),
                                             lib.openblas_get_corename().decode(), os.path.basename(path))
            except (OSError, AttributeError) as e:
                return "OpenBLAS (%s; core unknown: %s)" % (path, e)
    if any(os.path.realpath(p).endswith("/blas/libblas.so.3") or "libblas.so.3" in p for p in paths):
        return "reference BLAS (%s): install libopenblas0-pthread for a fair comparison" % ", ".join(paths)
    return ", ".join(paths) or "none loaded"


def torch_label(torch):
    """Debian's python3-torch 1.13.1 reports __version__ 1.13.0a0; prefer the package version."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True,
                             text=True, check=True).stdout
        return out.split("+")[0].split("-")[0] or torch.__version__
    except (OSError, subprocess.CalledProcessError):
        return torch.__version__


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, nargs="+", default=sorted({1, os.cpu_count()}),
                        help="thread counts to measure with (default: %(default)s)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="where to write the JSON (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="3 windows of 0.5 s instead of 5 of 1 s")
    args = parser.parse_args(argv)
    for n in args.threads:
        if n < 1:
            parser.error("--threads (%d) must be >= 1" % n)

    import torch  # imported here so that --help works without PyTorch

    repeats, window = (3, 0.5) if args.quick else (5, 1.0)
    print("BLAS: " + blas_info(), file=sys.stderr)
    load_before = load_average()
    results = []
    for threads in sorted(set(args.threads)):
        for setup in SETUPS if threads > 1 else SETUPS[:1]:
            torch.set_num_threads(threads if setup == "default" else 1)
            set_blas_threads(threads)
            for config in CONFIGS:
                for dtype in ("float32", "float64"):
                    r = measure(torch, config, dtype, threads, setup, repeats, window)
                    print("%d thread(s) %-7s %-6s %-7s %12.1f steps/s (stdev %.1f)"
                          % (threads, setup, config, dtype, r["steps_per_second"], r["stdev"]), file=sys.stderr)
                    results.append(r)
    doc = {
        "format": FORMAT,
        "date": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "machine": "%s, %d logical CPUs" % (cpu_model(), os.cpu_count()),
        "torch": torch_label(torch),
        "torch_version_attribute": torch.__version__,
        "python": platform.python_version(),
        "threads": sorted(set(args.threads)),
        "blas": blas_info(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "command": "/usr/bin/python3 tools/pytorch/bench_reference.py " + " ".join(argv),
        "results": results,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print("wrote " + args.out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
