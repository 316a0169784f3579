#!/usr/bin/env python3
"""torch.autograd.gradcheck (slow and fast mode) on the two-layer network exported by GradCheck.Benchmarks.

Usage: gradcheck_network.py NETWORK.json [--repetitions 3] [--out RESULT.json]

NETWORK.json is written by `GradCheck.Benchmarks all` (benchmarks/GradCheck.Benchmarks/Torch/NetworkData.cs): sizes,
the batch (x, y) and the parameters (W1, b1, W2, b2). The loss is the same as the C# one:
mean over the batch of 0.5 * sum_o (W2 tanh(W1 x + b1) + b2 - y)_o^2. Prints (and writes) a JSON result with the
median wall time and the forward calls of each mode. Runs on one thread, like GradCheck.
"""
import argparse
import json
import statistics
import sys
import time

import torch


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("network")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--out")
    args = parser.parse_args()

    torch.set_num_threads(1)
    with open(args.network, encoding="utf-8") as f:
        data = json.load(f)

    dtype = torch.float64
    x = torch.tensor(data["x"], dtype=dtype)
    y = torch.tensor(data["y"], dtype=dtype)
    batch = x.shape[0]
    params = tuple(torch.tensor(data[name], dtype=dtype, requires_grad=True) for name in ("W1", "b1", "W2", "b2"))
    calls = [0]

    def loss(w1, b1, w2, b2):
        calls[0] += 1
        hidden = torch.tanh(x @ w1.T + b1)
        out = hidden @ w2.T + b2
        return 0.5 * ((out - y) ** 2).sum() / batch

    result = {
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "parameters": sum(p.numel() for p in params),
        "loss": loss(*params).item(),
    }
    for mode, fast in (("slow", False), ("fast", True)):
        times, evaluations, passed = [], 0, True
        for _ in range(args.repetitions):
            calls[0] = 0
            start = time.perf_counter()
            # PyTorch's defaults: eps=1e-6, atol=1e-5, rtol=1e-3.
            passed = torch.autograd.gradcheck(loss, params, fast_mode=fast, raise_exception=False) and passed
            times.append(time.perf_counter() - start)
            evaluations = calls[0]
        result[mode] = {"seconds": statistics.median(times), "evaluations": evaluations, "passed": passed}

    text = json.dumps(result)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
