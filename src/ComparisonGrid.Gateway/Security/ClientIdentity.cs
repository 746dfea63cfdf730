using System.Security.Claims;

namespace ComparisonGrid.Gateway.Security;

/// <summary>
/// Who a limit counts a request against: the API key's identity once authenticated, otherwise the client's address.
/// A raw header is never a partition, so a caller cannot make itself a new client by sending a new wrong key.
/// </summary>
internal static class ClientIdentity
{
    private const string FailedAttempt = "cgrid.failed-key";

    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : Address(http);
    }

    public static string Address(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    public static void MarkFailedAttempt(HttpContext http) => http.Items[FailedAttempt] = true;

    public static bool FailedKey(HttpContext http) => http.Items.ContainsKey(FailedAttempt);

    public static bool IsAuthenticated(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;
}
