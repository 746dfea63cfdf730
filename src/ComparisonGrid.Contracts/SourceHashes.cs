namespace ComparisonGrid.Contracts;

/// <summary>
/// How a stored report names its source: the hash of the bytes and span it was parsed from, and, once a user has
/// moved it, that hash with the place it was moved to. Corrections are keyed by the original.
/// </summary>
public static class SourceHashes
{
    /// <summary>A corrected report's source hash: the original's with the place it was moved to.</summary>
    public static string Corrected(string originalHash, string regionCode, int year) =>
        FormattableString.Invariant($"{originalHash}#moved:{regionCode}/{year}");

    /// <summary>The hash of the source as first ingested, whether or not the report was moved since.</summary>
    public static string Original(string sourceHash)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        var hash = sourceHash.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? sourceHash : sourceHash[..hash];
    }
}
