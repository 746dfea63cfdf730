using ComparisonGrid.Contracts;
using ComparisonGrid.Core;

namespace ComparisonGrid.Application.Catalogs;

/// <summary>
/// Loads every stored year's catalog before the first query needs it. After a restart a catalog reads its year's
/// facts from the store as it activates; a 20-year panel asked first would wait for all twenty. Warmed side by side
/// at start, the first panel is computed from memory.
/// </summary>
public static class CatalogWarmup
{
    /// <returns>The years whose catalogs are now loaded.</returns>
    public static async Task<IReadOnlyList<int>> WarmAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var years = (await grains.RegionCatalog().ListAsync(null, null).ConfigureAwait(false))
            .SelectMany(r => r.Years).Distinct().Order().ToList();
        // Bounded, so a store of many years does not ask for every year at once while serving starts.
        await Parallel.ForEachAsync(years, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount), CancellationToken = cancellationToken },
            async (year, _) => await grains.YearCatalog(year).RevisionAsync().ConfigureAwait(false)).ConfigureAwait(false);
        return years;
    }
}
