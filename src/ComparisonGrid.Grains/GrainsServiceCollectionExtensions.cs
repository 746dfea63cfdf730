using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComparisonGrid.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>What the grains take from the container besides Orleans' own services: their clock.</summary>
    public static IServiceCollection AddComparisonGridGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
