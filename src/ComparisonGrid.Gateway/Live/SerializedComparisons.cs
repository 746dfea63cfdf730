using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ComparisonGrid.Contracts;

namespace ComparisonGrid.Gateway.Live;

/// <summary>
/// Each comparison serialised once per version and shared by every read of that version. The version moves
/// exactly when a member report changes, so it is the entity tag (weak: the computation time inside may differ
/// between two computations of the same inputs); a polling client sends it back in If-None-Match and gets 304.
/// </summary>
public sealed class SerializedComparisons
{
    // Enough for every comparison a dashboard or a job asks for; past it some are dropped and serialised again on
    // their next read, which costs time, never a wrong answer.
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<string, SerializedComparison> _byKey = new(StringComparer.Ordinal);

    public static SerializedComparison Serialize(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SerializedComparison(result.Version, JsonSerializer.SerializeToUtf8Bytes(result, GatewayJson.Web.ComparisonResult),
            string.Create(CultureInfo.InvariantCulture, $"W/\"{result.Version}\""));
    }

    public SerializedComparison Of(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var key = result.Spec.ToKey();
        if (_byKey.TryGetValue(key, out var known) && known.Version == result.Version)
        {
            return known;
        }
        var fresh = Serialize(result);
        if (_byKey.Count >= Capacity)
        {
            foreach (var stale in _byKey.Keys.Take(Capacity / 4))
            {
                _byKey.TryRemove(stale, out _);
            }
        }
        // A slower reader of an older version must not replace a newer one.
        _byKey.AddOrUpdate(key, fresh, (_, current) => current.Version > fresh.Version ? current : fresh);
        return fresh;
    }
}
