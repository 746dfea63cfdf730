using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Export.Dataset;

/// <summary>Which reports a dataset export takes: a level, a province (its code) and a span of years, each optional.</summary>
public sealed record DatasetFilter(RegionLevel? Level = null, string? ProvinceCode = null, int? From = null, int? To = null)
{
    public static DatasetFilter All { get; } = new();

    public bool TakesYear(int year) => (From is null || year >= From) && (To is null || year <= To);
}
