# Pull a panel from a ComparisonGrid gateway into R and summarise it per year (base R; jsonlite if installed,
# otherwise the CSV form, which needs nothing):
#   Rscript examples/panel.R http://127.0.0.1:5080 gdp_growth 2015 2025 province
args <- commandArgs(trailingOnly = TRUE)
url <- if (length(args) >= 1) args[1] else "http://127.0.0.1:5080"
indicator <- if (length(args) >= 2) args[2] else "gdp_growth"
from <- if (length(args) >= 3) args[3] else "2015"
to <- if (length(args) >= 4) args[4] else "2025"
level <- if (length(args) >= 5) paste0("&level=", args[5]) else ""

csv_url <- sprintf("%s/api/compare/panel?indicator=%s&from=%s&to=%s%s&format=csv", url, indicator, from, to, level)
panel <- read.csv(csv_url, fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE)
cat(sprintf("%s %s-%s: %d region-years\n", indicator, from, to, nrow(panel)))
summary <- aggregate(value ~ year, data = panel, FUN = function(v) c(n = length(v), mean = mean(v), median = median(v)))
print(summary)
met <- aggregate(hit ~ year, data = transform(panel[panel$hit != "", ], hit = hit == "yes"), FUN = sum)
print(met)
# Wide: regions × years, ready for a heatmap or a Stata import.
wide <- read.csv(sub("format=csv", "format=wide", csv_url), fileEncoding = "UTF-8-BOM", check.names = FALSE)
print(head(wide))
