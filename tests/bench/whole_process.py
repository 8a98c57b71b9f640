#!/usr/bin/env python3
"""Whole-process speed (issue 14): the kit's tool against ajv-cli, and against two Boost.JSON
programs of one process on one core, on three generated inputs, all in one run.

Usage: tests/bench/whole_process.py BUILD [--scratch DIR] [--runs N] [--seed S] [--quick]

BUILD is a build folder (CMake or meson; Release for figures) holding the tool and the two
programs built beside it, which this script never builds:
    cmake --build BUILD --target tented-contract bench_inputs bench_parse
bench_inputs (inputs.cpp) writes the inputs into the scratch folder (default BUILD/whole_process),
the same bytes for the same --seed: 10,000 payload files, a JSON Lines log of 100,000 polls of
jobs that live through their whole lifecycle, and one payload of 10^6 items. --quick writes
small ones (200 files, 2,000 polls, 20,000 items) and runs each command once: the ctest smoke test.

Commands, each run --runs times (default 5), all of them in turn in every round so that a slow
spell of a shared machine hits the kit and its references alike:
    kit validate      tented-contract validate --werror (exit 0: every payload valid, not even a
                      warning), on each input; kit replay on the log too
    ajv-cli validate  ajv-cli (pinned in tests/package.json) with `tented-contract schema`, draft
                      2020-12 and ajv-formats, on the payload files
    floor             bench_parse floor: a do-nothing basic_parser fed 64 KiB chunks
    DOM               bench_parse dom: the boost::json::value of every file and of every line
ajv-cli is installed with `npm ci` in tests/ when it is missing (except with --quick, which then
fails saying so, like the format tests).

Printed: for every command the median and fastest wall time, the throughput (input bytes / median
wall time, MB = 10^6 bytes) and the peak resident memory (GNU time's %M, the largest of the runs); then the kit's speed
as a multiple of each reference's (the reference's median wall time / the kit's; above 1 the kit
is faster). A failing command stops the run with its standard error. No speed is asserted.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)


def fail(message):
    print(f"whole_process.py: {message}", file=sys.stderr)
    sys.exit(1)


def find_program(build, *candidates):
    for c in candidates:
        path = os.path.join(build, c)
        if os.access(path, os.X_OK):
            return path
    fail(f"no {candidates[0]} in {build}: build it with "
         f"`cmake --build {build} --target tented-contract bench_inputs bench_parse` (or meson compile)")


def ajv_cli(quick):
    """The pinned ajv-cli of tests/package.json, installed with npm ci when missing."""
    with open(os.path.join(TESTS, "package.json")) as f:
        pinned = json.load(f)["dependencies"]["ajv-cli"]
    installed = os.path.join(TESTS, "node_modules", "ajv-cli", "package.json")

    def version():
        try:
            with open(installed) as f:
                return json.load(f)["version"]
        except OSError:
            return None

    if version() != pinned:
        if quick:
            fail(f"missing ajv-cli {pinned} in tests/node_modules: run tools/install-deps "
                 "(it installs it with npm ci in tests/)")
        print(f"installing ajv-cli {pinned}: npm ci in {TESTS}", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TESTS, check=True)
        if version() != pinned:
            fail(f"npm ci did not install ajv-cli {pinned}")
    return os.path.join(TESTS, "node_modules", ".bin", "ajv"), pinned


def gnu_time():
    """GNU time, which measures a command's peak memory from a process of its own size: the
    script's own wait4 would count the memory of the Python process the command was forked from."""
    path = shutil.which("time")
    if not path or subprocess.run([path, "--version"], capture_output=True, text=True).stdout.find("GNU") < 0:
        fail("missing GNU time: run tools/install-deps (it installs the Debian package time)")
    return path


def run_once(time_program, argv, scratch):
    """Runs argv with its output to /dev/null: (wall seconds, peak KiB); stops the run on a failure."""
    errors, peak = os.path.join(scratch, "stderr.txt"), os.path.join(scratch, "peak.txt")
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
               (os.POSIX_SPAWN_OPEN, 2, errors, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    timed = [time_program, "-f", "%M", "-o", peak, "--"] + argv
    start = time.perf_counter()
    pid = os.posix_spawn(timed[0], timed, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        with open(errors, errors="replace") as f:
            text = f.read()[-2000:]
        fail(f"`{' '.join(argv)}` exited with {os.waitstatus_to_exitcode(status)}:\n{text}")
    with open(peak) as f:
        return wall, int(f.read().split()[-1])


def machine():
    model = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({model})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", help="the build folder holding tented-contract, bench_inputs and bench_parse")
    parser.add_argument("--scratch", help="where the inputs are written (default BUILD/whole_process)")
    parser.add_argument("--runs", type=int, help="runs of each command (default 5; 1 with --quick)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the inputs (default 1)")
    parser.add_argument("--quick", action="store_true", help="small inputs, one run: a smoke test")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 5)
    if runs < 1:
        fail("--runs must be at least 1")
    build = os.path.abspath(args.build)
    scratch = os.path.abspath(args.scratch or os.path.join(build, "whole_process"))
    kit = find_program(build, "tools/tented-contract", "tented-contract")
    inputs = find_program(build, "tests/bench/bench_inputs")
    parse = find_program(build, "tests/bench/bench_parse")
    ajv, ajv_version = ajv_cli(args.quick)
    time_program = gnu_time()

    counts = {"files": 200, "polls": 2000, "items": 20000} if args.quick else \
        {"files": 10000, "polls": 100000, "items": 10**6}
    os.makedirs(scratch, exist_ok=True)
    start = time.perf_counter()
    subprocess.run([inputs, scratch, "--seed", str(args.seed)] + [a for k, v in counts.items() for a in (f"--{k}", str(v))],
                   check=True, stdout=subprocess.DEVNULL)
    generated = time.perf_counter() - start
    schema = os.path.join(scratch, "schema.json")
    with open(schema, "w") as f:
        subprocess.run([kit, "schema"], check=True, stdout=f)

    payloads, log, big = (os.path.join(scratch, p) for p in ("payloads", "polls.jsonl", "big.json"))
    size = {payloads: sum(e.stat().st_size for e in os.scandir(payloads)),
            log: os.path.getsize(log), big: os.path.getsize(big)}
    names = {payloads: f"{counts['files']:,} payload files", log: f"log of {counts['polls']:,} polls",
             big: f"one payload of {counts['items']:,} items"}
    kit_limits = {payloads: [], log: ["--max-bytes", str(size[log])],
                  big: ["--max-items", str(counts["items"]), "--max-bytes", str(size[big])]}
    commands = []  # (input, name, argv)
    for path in (payloads, log, big):
        commands.append((path, "kit validate", [kit, "validate", "--werror"] + kit_limits[path] + [path]))
        if path == log:
            commands.append((path, "kit replay", [kit, "replay", "--werror"] + kit_limits[path] + [path]))
        if path == payloads:
            commands.append((path, "ajv-cli validate", [ajv, "validate", "--spec=draft2020", "-c", "ajv-formats",
                                                        "-s", schema, "-d", os.path.join(payloads, "*.json")]))
        commands.append((path, "floor", [parse, "floor", path]))
        commands.append((path, "DOM", [parse, "dom", path]))

    started, load_before = datetime.now(timezone.utc), os.getloadavg()[0]
    walls, peaks = measure(commands, runs, time_program, scratch)
    print(f"Whole process, tests/bench/whole_process.py: median of {runs} run{'s' if runs > 1 else ''}, "
          "commands in turn")
    print(f"{started:%Y-%m-%d %H:%M} UTC, {machine()}, load average (1 min) {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after; ajv-cli {ajv_version}, node {node_version()}")
    print(f"inputs (seed {args.seed}, written in {generated:.1f} s): " +
          "; ".join(f"{names[p]}, {size[p] / 1e6:.1f} MB" for p in (payloads, log, big)))
    print_tables([(names[path], size[path], name) for path, name, _ in commands], walls, peaks)


def measure(commands, runs, time_program, scratch):
    """Every command `runs` times, all of them in turn in each round: (wall times, peak KiB) of each."""
    walls, peaks = [[] for _ in commands], [0] * len(commands)
    for _ in range(runs):
        for k, (_, _, argv) in enumerate(commands):
            wall, peak = run_once(time_program, argv, scratch)
            walls[k].append(wall)
            peaks[k] = max(peaks[k], peak)
    return walls, peaks


def print_tables(rows, walls, peaks):
    """rows: (input name, input bytes, command name) of each command, the kit's first for each input."""
    median = [statistics.median(w) for w in walls]
    print()
    print("| input | command | wall s, median | fastest | MB/s | peak MiB | peak / input |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for k, (input_name, size, name) in enumerate(rows):
        first = k == 0 or rows[k - 1][0] != input_name
        print(f"| {input_name if first else ''} | {name} | {median[k]:.3f} | {min(walls[k]):.3f} | "
              f"{throughput(size, median[k])} | {peaks[k] / 1024:.1f} | {peaks[k] * 1024 / size:.2f} |")
    print()
    print("The kit's speed as a multiple of each reference's (its median wall time / the kit's; "
          "above 1 the kit is faster):")
    print()
    print("| input | kit command | × ajv-cli | × floor | × DOM |")
    print("|---|---|---:|---:|---:|")
    for k, (input_name, _, name) in enumerate(rows):
        if not name.startswith("kit "):
            continue
        ratio = {reference: f"{median[j] / median[k]:.2f}" for j, (other, _, reference) in enumerate(rows)
                 if other == input_name and not reference.startswith("kit ")}
        print(f"| {input_name} | {name[4:]} | {ratio.get('ajv-cli validate', '')} | {ratio['floor']} | "
              f"{ratio['DOM']} |")


def throughput(size, seconds):
    mb_per_s = size / 1e6 / seconds
    return f"{mb_per_s:.0f}" if mb_per_s >= 100 else f"{mb_per_s:.1f}"


def node_version():
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
