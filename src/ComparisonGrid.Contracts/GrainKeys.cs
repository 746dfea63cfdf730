using System.Globalization;

namespace ComparisonGrid.Contracts;

/// <summary>
/// The grains by what they stand for, so a key is built in one place: a report by region and year, a year's
/// catalog by the year, a comparison by its spec, the singletons by their fixed key.
/// </summary>
public static class GrainKeys
{
    public static IReportGrain Report(this IGrainFactory grains, string regionCode, int year)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IReportGrain>(ReportKey.For(regionCode, year));
    }

    public static IYearCatalogGrain YearCatalog(this IGrainFactory grains, int year)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IYearCatalogGrain>(YearKey(year));
    }

    public static IRegionGrain Region(this IGrainFactory grains, string regionCode)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IRegionGrain>(regionCode);
    }

    public static IRegionCatalogGrain RegionCatalog(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key);
    }

    public static IReportCorrectionGrain Corrections(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IReportCorrectionGrain>(IReportCorrectionGrain.Key);
    }

    public static IComparisonGrain Comparison(this IGrainFactory grains, ComparisonSpec spec)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(spec);
        return grains.GetGrain<IComparisonGrain>(spec.ToKey());
    }

    public static IJobResultGrain JobResult(this IGrainFactory grains, string jobId, int index)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IJobResultGrain>($"{jobId}/{index.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A year catalog's key: the year, <c>2024</c>.</summary>
    public static string YearKey(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>The year a year catalog's key stands for.</summary>
    public static int YearOf(string yearKey) => int.Parse(yearKey, NumberStyles.None, CultureInfo.InvariantCulture);
}
