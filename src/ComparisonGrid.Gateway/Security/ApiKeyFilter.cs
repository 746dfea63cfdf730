using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Security;

/// <summary>Requires a valid X-Api-Key: always for writes, for reads when the gateway is configured so.</summary>
internal sealed class ApiKeyFilter(bool write) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (!write && !services.GetRequiredService<IOptions<GatewayOptions>>().Value.RequireKeyForReads)
        {
            return await next(context).ConfigureAwait(false);
        }
        var key = http.Request.Headers[ApiKeys.Header].ToString();
        if (!services.GetRequiredService<ApiKeys>().IsValid(key))
        {
            return Problems.Status(StatusCodes.Status401Unauthorized,
                key.Length == 0 ? $"this endpoint needs an API key in the {ApiKeys.Header} header" : "the API key is not valid");
        }
        return await next(context).ConfigureAwait(false);
    }
}
