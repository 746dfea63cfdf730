using ComparisonGrid.Gateway.Security;

namespace ComparisonGrid.Gateway.Endpoints;

internal static class EndpointRules
{
    public const string WritePolicy = "writes";

    /// <summary>Writes need an API key and are rate-limited per client.</summary>
    public static RouteHandlerBuilder WithWriteRules(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(new ApiKeyFilter(write: true)).RequireRateLimiting(WritePolicy);

    /// <summary>Reads are open unless ComparisonGrid:RequireKeyForReads is set.</summary>
    public static RouteHandlerBuilder WithReadRules(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(new ApiKeyFilter(write: false));
}
