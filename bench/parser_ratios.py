#!/usr/bin/env python3
"""Runs parser_bench once and prints our parser beside llhttp and http-parser.

Every figure comes from the same run on the same machine; the ratio columns
(ours / llhttp, http-parser / llhttp, ours / http-parser, ours / llhttp with no
callbacks, by throughput; and ours+Response / llhttp+Response, each parser
followed by building the owned core::Response the transports hand on) are
what to compare across machines, not the absolute MB/s. CPU time is used, not
wall time, so that a loaded machine skews the three parsers alike.

usage: bench/parser_ratios.py [BENCH_BINARY] [--repetitions N] [--min-time S]
(default binary: build/release/bench/parser_bench, as `cmake --preset release` builds it)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

PARSERS = ("httpconform", "llhttp", "http_parser")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "build", "release", "bench", "parser_bench")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary", nargs="?", default=default)
    ap.add_argument("--repetitions", type=int, default=3)
    ap.add_argument("--min-time", type=float, default=0.5)
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary}: not built (cmake --preset release && cmake --build --preset release)")
    out = subprocess.run(
        [args.binary, "--benchmark_format=json", f"--benchmark_min_time={args.min_time}",
         f"--benchmark_repetitions={args.repetitions}"],
        check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    # name = parse/<input>/<parser>; keep the median of the repetitions.
    runs = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        _, input_name, parser = b["name"].split("/")[:3]
        secs = b["cpu_time"] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        runs.setdefault((input_name, parser), []).append((b["bytes_per_second"], secs))
    inputs = []
    for (input_name, _) in runs:
        if input_name not in inputs:
            inputs.append(input_name)
    ctx = data["context"]
    print(f"host {ctx.get('host_name')}, {ctx.get('num_cpus')} CPUs, "
          f"load {' '.join(f'{x:.2f}' for x in ctx.get('load_avg', []))}, "
          f"{args.repetitions} repetitions (median, CPU time)")
    head = f"{'input':<16}" + "".join(f"{p + ' MB/s':>18}{'msg/s':>12}" for p in PARSERS)
    head += f"{'ours/llhttp':>13}{'hp/llhttp':>11}{'ours/hp':>9}"
    head += f"{'ours/llhttp-bare':>18}{'ours+R/llhttp+R':>17}"
    print(head)
    ok = True

    def mb(name, parser):
        got = runs.get((name, parser))
        return statistics.median(x[0] for x in got) / 1e6 if got else None

    for name in inputs:
        row = f"{name:<16}"
        mbs = {}
        for p in PARSERS:
            sec = statistics.median(x[1] for x in runs[(name, p)])
            mbs[p] = mb(name, p)
            row += f"{mbs[p]:>18.1f}{1 / sec:>12.0f}"
        r_ll = mbs["httpconform"] / mbs["llhttp"]
        r_hp = mbs["httpconform"] / mbs["http_parser"]
        row += f"{r_ll:>13.2f}{mbs['http_parser'] / mbs['llhttp']:>11.2f}{r_hp:>9.2f}"
        bare = mb(name, "llhttp_no_callbacks")
        row += f"{mbs['httpconform'] / bare:>18.2f}" if bare else f"{'-':>18}"
        ours_r, ll_r = mb(name, "httpconform+Response"), mb(name, "llhttp+Response")
        row += f"{ours_r / ll_r:>17.2f}" if ours_r and ll_r else f"{'-':>17}"
        print(row)
        ok &= r_hp >= 1.0
        if name.startswith("301"):
            ok &= r_ll >= 1.0
    print("ours = our parser reused across messages (Reset), every diagnostic check on;")
    print("llhttp-bare = llhttp with no callbacks; +R = then building the owned core::Response")
    print("targets (>= llhttp on 301_601B, > http-parser everywhere):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
