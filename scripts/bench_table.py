#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Renders the figures of ./scripts/bench as one Markdown table.

Input: the JSON lines the benchmarks append to $PARAAT_FIGURES through Figure()
(tests/bench/support/figures.h), one object per figure:
  {"area", "figure", "value", "unit", "baseline", "baseline_value", "ratio", "goal", "met"}
Output: a Markdown table on stdout (and in --out), in the order the figures were reported.

  bench_table.py FIGURES.jsonl [--out FILE] [--title TEXT] [--check-load-errors]

With --check-load-errors the exit code is 1 when the load driver reported errors > 0 (or no
error count at all, when it ran). Standard library only.
"""

import argparse
import json
import math
import sys


def number(v):
    """Three significant digits; large values whole, like FormatNumber() in figures.cc."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "-"
    a = abs(v)
    if a >= 1000:
        return f"{v:.0f}"
    if a >= 100:
        return f"{v:.1f}"
    if a >= 10:
        return f"{v:.2f}"
    if a == 0:
        return "0"
    return f"{v:.3g}"


def with_unit(v, unit):
    s = number(v)
    if s == "-" or not unit:
        return s
    if unit in ("%",):
        return s + unit
    return f"{s} {unit}"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                print(f"{path}:{n}: not a figure ({e}); skipped", file=sys.stderr)
    return rows


def render(rows, title=None):
    out = []
    if title:
        out.append(title)
        out.append("")
    out.append("| figure | value | baseline | baseline value | ratio | goal | met |")
    out.append("|---|---:|---|---:|---:|---|---|")
    for r in rows:
        met = r.get("met")
        met_text = "" if met is None else ("yes" if met else "**no**")
        baseline = r.get("baseline") or ""
        figure = f"{r.get('area', '')}: {r.get('figure', '')}" if r.get("area") else r.get("figure", "")
        out.append(
            "| "
            + " | ".join(
                cell(c)
                for c in (
                    figure,
                    with_unit(r.get("value"), r.get("unit", "")),
                    baseline or "-",
                    with_unit(r.get("baseline_value"), r.get("unit", "")) if baseline else "-",
                    (number(r["ratio"]) + "\u00d7") if r.get("ratio") is not None else "-",
                    r.get("goal") or "-",
                    met_text,
                )
            )
            + " |"
        )
    goals = [r for r in rows if r.get("met") is not None]
    missed = [r for r in goals if not r.get("met")]
    out.append("")
    out.append(
        f"{len(rows)} figures; {len(goals) - len(missed)} of {len(goals)} goals met"
        + (": missed " + "; ".join(f"{r.get('area')}: {r.get('figure')}" for r in missed) if missed else ".")
    )
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("figures")
    p.add_argument("--out")
    p.add_argument("--title")
    p.add_argument("--check-load-errors", action="store_true")
    args = p.parse_args()
    rows = load(args.figures)
    text = render(rows, args.title)
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    if args.check_load_errors:
        load_rows = [r for r in rows if r.get("area") == "load"]
        errors = [r for r in load_rows if "errors" in r.get("figure", "")]
        if load_rows and not errors:
            print("bench_table: the load driver reported no error count", file=sys.stderr)
            return 1
        bad = [r for r in errors if (r.get("value") or 0) > 0]
        if bad:
            print(f"bench_table: the load driver reported {bad[0].get('value'):.0f} errors", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
