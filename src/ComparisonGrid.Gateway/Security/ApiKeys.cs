using System.Security.Cryptography;
using System.Text;
using ComparisonGrid.Runtime.Configuration;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Security;

/// <summary>
/// The keys that may write. Configured keys win; without any, a key is generated once, stored in the data
/// directory (so it survives restarts) and printed at start.
/// </summary>
public sealed partial class ApiKeys
{
    public const string Header = "X-Api-Key";
    private readonly byte[][] _keys;

    public ApiKeys(IOptions<GatewayOptions> gateway, IOptions<GrainRuntimeOptions> runtime, ILogger<ApiKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(runtime);
        var keys = gateway.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (keys.Count == 0)
        {
            var file = Path.Combine(runtime.Value.DataDirectory, "api-key");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(runtime.Value.DataDirectory);
                File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
            }
            keys.Add(File.ReadAllText(file).Trim());
            LogGenerated(logger, keys[0], Path.GetFullPath(file));
        }
        _keys = [.. keys.Select(Encoding.UTF8.GetBytes)];
    }

    public bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }
        var given = Encoding.UTF8.GetBytes(key);
        // Constant time, so a caller cannot learn a key byte by byte from response times.
        return _keys.Aggregate(false, (found, k) => found | CryptographicOperations.FixedTimeEquals(k, given));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "no API key configured; writes need X-Api-Key: {Key} (kept in {File}; set ComparisonGrid:ApiKeys or --api-key to choose one)")]
    private static partial void LogGenerated(ILogger logger, string key, string file);
}
