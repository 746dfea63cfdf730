namespace ComparisonGrid.Contracts;

/// <summary>Theme intensity (hits per 10,000 characters) per region, and per theme the ranking of regions.</summary>
[GenerateSerializer, Immutable, Alias("cg.ThemeComparison")]
public sealed record ThemeComparison(IReadOnlyList<RegionThemes> Regions, IReadOnlyList<ThemeRanking> Rankings);

[GenerateSerializer, Immutable, Alias("cg.RegionThemes")]
public sealed record RegionThemes(RegionRef Region, int Characters, IReadOnlyDictionary<string, double> Per10K);

[GenerateSerializer, Immutable, Alias("cg.ThemeRanking")]
public sealed record ThemeRanking(string Theme, string Label, IReadOnlyList<ThemeRank> Ranks);

[GenerateSerializer, Immutable, Alias("cg.ThemeRank")]
public sealed record ThemeRank(int Rank, RegionRef Region, int Hits, double Per10K);
