#!/usr/bin/env python3
"""The three analyses of examples/sql on a dataset export, in pandas (pyarrow) and through the duckdb module.

    cgrid export dataset                        # or unzip the answer of GET /api/export into dataset/
    python3 examples/python/dataset.py dataset

Written for Python 3.11 with pandas 2.2, pyarrow 17 and duckdb 1.1 (pip install "pandas>=2.2" "pyarrow>=17"
"duckdb>=1.1"); pandas reads Parquet through pyarrow. Without duckdb the SQL part is skipped. Every row keeps the
report's code and year and the sentence (quote, start, end) its number came from.
"""
import pathlib
import sys

import pandas as pd


def read(dataset, table):
    return pd.read_parquet(dataset / f"{table}.parquet")


def gdp_target_panel(dataset):
    """GDP growth targets of the provinces: one row per province, one column per year (the midpoint of a range)."""
    targets, reports = read(dataset, "targets"), read(dataset, "reports")
    gdp = targets[(targets.indicator == "gdp_growth") & ~targets.stretch.fillna(False)]
    gdp = gdp.merge(reports[["code", "year", "level", "province"]], on=["code", "year"])
    gdp = gdp[gdp.level == "province"].assign(target=lambda t: (t.low + t.high) / 2)
    return gdp.pivot_table(index="province", columns="year", values="target", aggfunc="first")


def attainment_by_year(dataset):
    """Share of targets met per target year, matched with the achieved figure the next report gives for that year."""
    targets, achieved = read(dataset, "targets"), read(dataset, "achievements")
    targets = targets[~targets.stretch.fillna(False) & (targets.comparator != "relation")]
    achieved = (achieved.dropna(subset=["figure_year"]).sort_values("start")
                .assign(achieved=lambda a: (a.low + a.high) / 2, year=lambda a: a.figure_year.astype("int32"))
                .drop_duplicates(["code", "year", "indicator"])[["code", "year", "indicator", "achieved"]])
    both = targets.merge(achieved, on=["code", "year", "indicator"])
    ceiling = both.comparator == "at_most"
    both["met"] = (ceiling & (both.achieved <= both.high)) | (~ceiling & (both.achieved >= both.low))
    return both.groupby("year").met.agg(targets_with_outcome="size", met="sum", share_met="mean").round(3)


def main():
    dataset = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dataset")
    if not (dataset / "manifest.json").exists():
        sys.exit(f"{dataset}: no manifest.json; run `cgrid export {dataset}` first")
    print("GDP growth targets of the provinces (%):")
    print(gdp_target_panel(dataset).to_string())
    print("\nTargets met, by target year:")
    print(attainment_by_year(dataset).to_string())
    try:
        import duckdb
    except ImportError:
        print("\n(duckdb is not installed: the SQL examples are skipped)")
        return
    sql = pathlib.Path(__file__).resolve().parent.parent / "sql" / "targets-against-achieved.sql"
    query = sql.read_text(encoding="utf-8").replace("'dataset/", f"'{dataset.as_posix()}/")
    print("\nTargets against achieved figures, with both sentences (first rows):")
    print(duckdb.sql(query).df().head(10).to_string())


if __name__ == "__main__":
    main()
