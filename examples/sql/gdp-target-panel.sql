-- GDP growth targets of the provinces: one row per province and year, with the sentence each was read from.
-- Reads the export in ./dataset (cgrid export dataset, or the zip of GET /api/export unpacked there).
-- A range (5%-5.5%) gives its midpoint; stretch targets (力争 …) stated beside the expected one are left out.
SELECT
    r.province,
    t.year,
    (t.low + t.high) / 2 AS gdp_growth_target,
    t.comparator,
    t.quote
FROM read_parquet('dataset/targets.parquet') AS t
JOIN read_parquet('dataset/reports.parquet') AS r USING (code, year)
WHERE t.indicator = 'gdp_growth'
  AND r.level = 'province'
  AND NOT t.stretch
ORDER BY r.province, t.year;
