#!/usr/bin/env python3
"""Pull a panel from a ComparisonGrid gateway and summarise it: standard library only.

    python3 examples/panel.py --url http://127.0.0.1:5080 --indicator gdp_growth --from 2015 --to 2025 --level province

Prints, per year, how many regions set a target, their mean and median target, and how many met it; then writes
the long table to panel.csv (or --out FILE), every row with the sentence its number came from. With a key
(--api-key or COMPARISONGRID_API_KEY) it also works against a gateway that requires keys for reads.
"""
import argparse
import csv
import json
import os
import statistics
import sys
import urllib.error
import urllib.parse
import urllib.request


def fetch_panel(url, indicator, first, last, level=None, province=None, api_key=None):
    query = {"indicator": indicator, "from": first, "to": last}
    if level:
        query["level"] = level
    if province:
        query["province"] = province
    request = urllib.request.Request(f"{url.rstrip('/')}/api/compare/panel?{urllib.parse.urlencode(query)}")
    if api_key:
        request.add_header("X-Api-Key", api_key)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        detail = json.load(error).get("detail", error.reason)
        sys.exit(f"panel.py: the gateway refused the panel: {detail}")
    except urllib.error.URLError as error:
        sys.exit(f"panel.py: cannot reach {url}: {error.reason}")


def summarise(rows):
    """Per year: regions with a target, mean and median target value, and how many were met."""
    by_year = {}
    for row in rows:
        by_year.setdefault(row["year"], []).append(row)
    summary = []
    for year in sorted(by_year):
        values = [r["value"] for r in by_year[year] if r.get("value") is not None]
        judged = [r["hit"] for r in by_year[year] if r.get("hit") is not None]
        summary.append({
            "year": year,
            "regions": len(by_year[year]),
            "mean": round(statistics.mean(values), 2) if values else None,
            "median": round(statistics.median(values), 2) if values else None,
            "met": sum(1 for hit in judged if hit),
            "judged": len(judged),
        })
    return summary


def main():
    parser = argparse.ArgumentParser(description="Summarise a ComparisonGrid panel")
    parser.add_argument("--url", default="http://127.0.0.1:5080")
    parser.add_argument("--indicator", default="gdp_growth")
    parser.add_argument("--from", dest="first", type=int, required=True)
    parser.add_argument("--to", dest="last", type=int, required=True)
    parser.add_argument("--level")
    parser.add_argument("--province")
    parser.add_argument("--api-key", default=os.environ.get("COMPARISONGRID_API_KEY"))
    parser.add_argument("--out", default="panel.csv")
    args = parser.parse_args()

    panel = fetch_panel(args.url, args.indicator, args.first, args.last, args.level, args.province, args.api_key)
    rows = panel.get("panel") or []
    print(f"{args.indicator} {args.first}-{args.last}: {len(rows)} region-years (version {panel['version']})")
    print("year  regions  mean   median  met/judged")
    for s in summarise(rows):
        mean = "" if s["mean"] is None else s["mean"]
        median = "" if s["median"] is None else s["median"]
        print(f"{s['year']}  {s['regions']:7d}  {mean!s:6} {median!s:7} {s['met']}/{s['judged']}")

    with open(args.out, "w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(["region", "code", "year", "comparator", "low", "high", "value", "unit", "achieved", "hit", "quote"])
        for r in rows:
            writer.writerow([r["region"]["name"], r["region"]["code"], r["year"], r.get("comparator"), r.get("low"), r.get("high"),
                             r.get("value"), r.get("unit"), r.get("achieved"), r.get("hit"), r.get("quote")])
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
