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
        var key = Request.Headers[ApiKeys.Header].ToString();
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

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var detail = Request.Headers[ApiKeys.Header].Count == 0
            ? $"this endpoint needs an API key in the {ApiKeys.Header} header"
            : "the API key is not valid";
        return Problems.Status(StatusCodes.Status401Unauthorized, detail).ExecuteAsync(Context);
    }
}
