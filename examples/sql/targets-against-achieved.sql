-- Each target beside the figure achieved for it, with both sentences and where they are in their reports: every
-- number traces back to the text it came from (GET /api/reports/{code}/{year}?text=true, offsets start..end).
SELECT
    r.region,
    t.code,
    t.year,
    t.indicator,
    t.low AS target_low,
    t.high AS target_high,
    t.unit,
    a.low AS achieved,
    a.unit AS achieved_unit,
    t.quote AS target_quote,
    t.start AS target_start,
    a.quote AS achieved_quote,
    a.year AS achieved_in_report_of,
    a.start AS achieved_start
FROM read_parquet('dataset/targets.parquet') AS t
JOIN (
    SELECT *, figure_year AS target_year
    FROM read_parquet('dataset/achievements.parquet')
) AS a ON a.code = t.code AND a.target_year = t.year AND a.indicator = t.indicator
JOIN read_parquet('dataset/reports.parquet') AS r ON r.code = t.code AND r.year = t.year
WHERE NOT t.stretch
ORDER BY t.code, t.year, t.indicator;
