using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComparisonGrid.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Registers the report, region, catalog and comparison grains and the JSON of their state.</summary>
    public static IServiceCollection AddComparisonGridGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddGrain<IReportGrain, ReportGrain>();
        services.AddGrain<IRegionGrain, RegionGrain>();
        services.AddGrain<IYearCatalogGrain, YearCatalogGrain>();
        services.AddGrain<IRegionCatalogGrain, RegionCatalogGrain>();
        services.AddGrain<IComparisonGrain, ComparisonGrain>();
        services.AddGrain<IJobGrain, JobGrain>();
        services.AddGrain<IJobIndexGrain, JobIndexGrain>();
        services.AddGrain<IJobResultGrain, JobResultGrain>();
        services.AddGrain<IReportCorrectionGrain, ReportCorrectionGrain>();
        services.AddGrainJson(GrainStateJson.Default);
        services.AddGrainJson(GrainCallJson.Default);
        return services;
    }
}
