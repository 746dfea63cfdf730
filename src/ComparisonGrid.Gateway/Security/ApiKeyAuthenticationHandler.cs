using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Security;

/// <summary>
/// Authenticates the X-Api-Key header before anything else looks at the request: a valid key becomes an identity
/// named after the key (a hash of it, never the key), so limits count per key; a wrong key is marked as a failed
/// attempt, which the limits count per client address. A challenge answers 401 as problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[ApiKeys.Header].ToString() is { Length: > 0 } header ? header : BasicPassword();
        if (key.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (keys.Identify(key) is not { } identity)
        {
            ClientIdentity.MarkFailedAttempt(Context);
            return Task.FromResult(AuthenticateResult.Fail("the API key is not valid"));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, identity)], SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>
    /// The password of HTTP Basic (any user name): how a browser opening Orleans' dashboard, or a Prometheus scraper,
    /// sends the key; the API's clients use the header.
    /// </summary>
    private string BasicPassword()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }
        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            return decoded.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? decoded[(colon + 1)..] : "";
        }
        catch (FormatException)
        {
            // Not base64: a key that matches none (keys are printable), so it counts as a wrong attempt.
            return "\0";
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (Request.Path.StartsWithSegments(Operations.OperatorEndpoints.DashboardPath, StringComparison.Ordinal)
            || Request.Path.StartsWithSegments(Operations.OperatorEndpoints.MetricsPath, StringComparison.Ordinal))
        {
            // A browser then asks for the key (as the password) instead of showing an error.
            Response.Headers.WWWAuthenticate = "Basic realm=\"ComparisonGrid operations\", charset=\"UTF-8\"";
        }
        var detail = Request.Headers[ApiKeys.Header].Count == 0
            ? $"this endpoint needs an API key in the {ApiKeys.Header} header"
            : "the API key is not valid";
        return Problems.Status(StatusCodes.Status401Unauthorized, detail).ExecuteAsync(Context);
    }
}
