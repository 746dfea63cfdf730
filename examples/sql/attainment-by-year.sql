-- How many targets were met, by target year: each target is matched with the achieved figure the next report's
-- review gives for that year (same region, same indicator). A target is met when the achieved figure is not below
-- its low bound, or, for ceilings (at_most: CPI, unemployment, energy use), not above its high bound. Relation
-- targets (与经济增长同步) have no figure to meet and are left out.
WITH targets AS (
    SELECT code, year, indicator, comparator, low, high
    FROM read_parquet('dataset/targets.parquet')
    WHERE NOT stretch AND comparator <> 'relation'
),
achieved AS (
    -- A review may give a figure twice (a headline and a detail): the first one stands.
    SELECT code, figure_year AS year, indicator, arg_min((low + high) / 2, start) AS achieved
    FROM read_parquet('dataset/achievements.parquet')
    WHERE figure_year IS NOT NULL
    GROUP BY code, figure_year, indicator
)
SELECT
    t.year,
    count(*) AS targets_with_outcome,
    sum(CASE WHEN (t.comparator = 'at_most' AND a.achieved <= t.high) OR (t.comparator <> 'at_most' AND a.achieved >= t.low) THEN 1 ELSE 0 END) AS met,
    round(avg(CASE WHEN (t.comparator = 'at_most' AND a.achieved <= t.high) OR (t.comparator <> 'at_most' AND a.achieved >= t.low) THEN 1.0 ELSE 0.0 END), 3) AS share_met
FROM targets AS t
JOIN achieved AS a USING (code, year, indicator)
GROUP BY t.year
ORDER BY t.year;
