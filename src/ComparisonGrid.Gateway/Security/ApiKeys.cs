using System.Security.Cryptography;
using System.Text;
using ComparisonGrid.Hosting;
using ComparisonGrid.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Security;

/// <summary>
/// The keys that may write: those configured (ApiKeys, or one per line in ApiKeyFile, which keeps them out of
/// `ps`); without any, a key is generated once into the data directory (owner-only) and its file named in the log.
/// The key itself is never logged.
/// </summary>
public sealed partial class ApiKeys
{
    public const string Header = "X-Api-Key";
    private readonly byte[][] _keys;
    private readonly string[] _identities;

    public ApiKeys(IOptions<GatewayOptions> gateway, IOptions<GridOptions> runtime, ILogger<ApiKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(runtime);
        var keys = gateway.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (gateway.Value.ApiKeyFile is { Length: > 0 } keyFile)
        {
            keys.AddRange(ReadKeys(keyFile));
        }
        if (keys.Count == 0)
        {
            var file = Path.Combine(runtime.Value.DataDirectory, "api-key");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(runtime.Value.DataDirectory);
                OwnerOnlyFiles.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
            }
            OwnerOnlyFiles.Restrict(file);
            keys.AddRange(ReadKeys(file));
            LogGenerated(logger, Path.GetFullPath(file));
        }
        _keys = [.. keys.Select(Encoding.UTF8.GetBytes)];
        // A key's name in logs and limits: a short hash, so neither shows the key.
        _identities = [.. _keys.Select(k => "key:" + Convert.ToHexString(SHA256.HashData(k))[..12].ToLowerInvariant())];
    }

    // One key per line, so a rotation can list the new key beside the old one until every client has moved.
    private static List<string> ReadKeys(string file)
    {
        try
        {
            var keys = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            return keys.Count > 0 ? keys : throw new InvalidOperationException($"the API key file {file} holds no key");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot read the API key file {file}: {e.Message}", e);
        }
    }

    /// <summary>The identity of a valid key, or null.</summary>
    public string? Identify(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }
        var given = Encoding.UTF8.GetBytes(key);
        string? identity = null;
        // Every key is compared, in constant time, so a caller cannot learn a key byte by byte from response times.
        for (var i = 0; i < _keys.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(_keys[i], given))
            {
                identity = _identities[i];
            }
        }
        return identity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "no API key configured; writes need the X-Api-Key kept in {File} (set --api-key-file or ComparisonGrid:ApiKeys to choose one)")]
    private static partial void LogGenerated(ILogger logger, string file);
}
