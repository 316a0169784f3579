#!/usr/bin/env python3
"""torch.autograd.gradcheck (defaults, float64) on custom autograd functions with planted bugs.

Usage: gradcheck_verdicts.py INPUTS.json [--repetitions 3] [--out RESULT.json]

INPUTS.json is written by `GradCheck.Benchmarks all` (Torch/VerdictComparison.cs): x (for the cube functions) and
lx, lw, lb (for the linear ones). The functions are the C# ones of Torch/PlantedTorchFunctions.cs, line for line.
Prints (and writes) a JSON object: case name -> {"passed", "seconds" (median), "evaluations" (forward calls)}.
"""
import argparse
import json
import statistics
import sys
import time

import torch

CALLS = [0]


def cube(factor, offset=0.0):
    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            CALLS[0] += 1
            ctx.save_for_backward(x)
            return x.pow(3) + offset if offset else x.pow(3)

        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
            return grad_output * factor * x.pow(2)

    return Cube.apply


def linear(flip_one_sign):
    class Linear(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, w, b):
            CALLS[0] += 1
            ctx.save_for_backward(x, w)
            return x @ w.t() + b

        @staticmethod
        def backward(ctx, g):
            x, w = ctx.saved_tensors
            dw = g.t() @ x
            if flip_one_sign:
                sign = torch.ones_like(dw).flatten()
                sign[0] = -1.0
                dw = dw * sign.reshape(dw.shape)
            return g @ w, dw, g.sum(0)

    return Linear.apply


CASES = {
    "cube": (cube(3.0), "x"),
    "cube-factor-2": (cube(2.0), "x"),
    "cube-off-0.01%": (cube(3.0003), "x"),
    "cube-plus-1e8": (cube(3.0, 1e8), "x"),
    "linear": (linear(False), "linear"),
    "linear-wrong-sign": (linear(True), "linear"),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--out")
    args = parser.parse_args()
    torch.set_num_threads(1)
    with open(args.inputs, encoding="utf-8") as f:
        data = json.load(f)

    def tensors(kind):
        names = ("x",) if kind == "x" else ("lx", "lw", "lb")
        return tuple(torch.tensor(data[n], dtype=torch.float64, requires_grad=True) for n in names)

    result = {"torch_version": torch.__version__}
    for name, (fn, kind) in CASES.items():
        inputs = tensors(kind)
        times, passed, evaluations = [], True, 0
        for _ in range(args.repetitions):
            CALLS[0] = 0
            start = time.perf_counter()
            # PyTorch's defaults: eps=1e-6, atol=1e-5, rtol=1e-3, slow mode.
            passed = torch.autograd.gradcheck(fn, inputs, raise_exception=False)
            times.append(time.perf_counter() - start)
            evaluations = CALLS[0]
        result[name] = {"passed": bool(passed), "seconds": statistics.median(times), "evaluations": evaluations}

    text = json.dumps(result)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
