# The analyses of examples/sql on a dataset export, in R with arrow and dplyr:
#   cgrid export dataset                # or unzip the answer of GET /api/export into dataset/
#   Rscript examples/r/dataset.R dataset
# Written for R 4.3 with arrow 16 and dplyr 1.1 (install.packages(c("arrow", "dplyr", "tidyr"))). Every row keeps
# the report's code and year and the sentence (quote, start, end) its number came from.
suppressPackageStartupMessages({
  library(arrow)
  library(dplyr)
  library(tidyr)
})

args <- commandArgs(trailingOnly = TRUE)
dataset <- if (length(args) >= 1) args[1] else "dataset"
if (!file.exists(file.path(dataset, "manifest.json"))) stop(sprintf("%s: no manifest.json; run `cgrid export %s` first", dataset, dataset))
read <- function(table) read_parquet(file.path(dataset, paste0(table, ".parquet")))

targets <- read("targets")
reports <- read("reports")
achievements <- read("achievements")

# GDP growth targets of the provinces: one row per province, one column per year (the midpoint of a range).
gdp <- targets |>
  filter(indicator == "gdp_growth", !coalesce(stretch, FALSE)) |>
  inner_join(select(reports, code, year, level, province), by = c("code", "year")) |>
  filter(level == "province") |>
  mutate(target = (low + high) / 2) |>
  distinct(province, year, .keep_all = TRUE) |>
  select(province, year, target) |>
  arrange(year) |>
  pivot_wider(names_from = year, values_from = target)
cat("GDP growth targets of the provinces (%):\n")
print(gdp, n = Inf, width = Inf)

# Share of targets met per target year, matched with the achieved figure the next report gives for that year.
achieved <- achievements |>
  filter(!is.na(figure_year)) |>
  arrange(start) |>
  distinct(code, figure_year, indicator, .keep_all = TRUE) |>
  transmute(code, year = figure_year, indicator, achieved = (low + high) / 2)
met <- targets |>
  filter(!coalesce(stretch, FALSE), comparator != "relation") |>
  inner_join(achieved, by = c("code", "year", "indicator")) |>
  mutate(met = if_else(comparator == "at_most", achieved <= high, achieved >= low)) |>
  group_by(year) |>
  summarise(targets_with_outcome = n(), met = sum(met), share_met = round(mean(met), 3))
cat("\nTargets met, by target year:\n")
print(met, n = Inf)
