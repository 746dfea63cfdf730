using ComparisonGrid.Application;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Live;

namespace ComparisonGrid.Gateway.Endpoints;

internal static class EndpointRules
{
    public const string WritePolicy = "writes";

    /// <summary>Authorization: a valid key.</summary>
    public const string WriterPolicy = "writer";

    /// <summary>Authorization: anyone, or a valid key when ComparisonGrid:RequireKeyForReads is set.</summary>
    public const string ReaderPolicy = "reader";

    /// <summary>Operators' views (Orleans' dashboard, metrics): any valid key, no write limit.</summary>
    public const string KeyHolderPolicy = WriterPolicy;

    /// <summary>
    /// Writes need an API key and are rate-limited per client. After a write this gateway's comparison replicas ask
    /// their grains on the next read, so the writer reads what it wrote.
    /// </summary>
    public static RouteHandlerBuilder WithWriteRules(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(WriterPolicy).RequireRateLimiting(WritePolicy).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            finally
            {
                context.HttpContext.RequestServices.GetRequiredService<ComparisonReplicas>().ExpireAll();
            }
        });

    /// <summary>
    /// Reads are open unless ComparisonGrid:RequireKeyForReads is set. A read that met a silo leaving or failing
    /// is tried again until membership has moved its grain (<see cref="GridFaults.AcrossFailoverAsync"/>).
    /// </summary>
    public static RouteHandlerBuilder WithReadRules(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(ReaderPolicy).AddEndpointFilter(async (context, next) =>
            await GridFaults.AcrossFailoverAsync(() => next(context).AsTask(), context.HttpContext.RequestAborted).ConfigureAwait(false));
}
