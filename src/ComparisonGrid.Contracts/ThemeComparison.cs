namespace ComparisonGrid.Contracts;

/// <summary>Theme intensity (hits per 10,000 characters) per region, and per theme the ranking of regions.</summary>
public sealed record ThemeComparison(IReadOnlyList<RegionThemes> Regions, IReadOnlyList<ThemeRanking> Rankings);

public sealed record RegionThemes(RegionRef Region, int Characters, IReadOnlyDictionary<string, double> Per10K);

public sealed record ThemeRanking(string Theme, string Label, IReadOnlyList<ThemeRank> Ranks);

public sealed record ThemeRank(int Rank, RegionRef Region, int Hits, double Per10K);
