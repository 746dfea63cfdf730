namespace ComparisonGrid.Hosting.Storage;

/// <summary>
/// How a stored state is named: its grain type and its state name ("report.facts"), so two grain classes with a
/// state of the same name and a grain of the same key never share a row.
/// </summary>
public static class StateRows
{
    public static string TypeOf(string grainType, string stateName) => $"{grainType}.{stateName}";

    public static string TypeOf(GrainId grainId, string stateName) => TypeOf(grainId.Type.ToString()!, stateName);

    /// <summary>
    /// The first key after every key that starts with <paramref name="prefix"/>, in binary order: both stores compare
    /// keys bytewise, so the keys with a prefix are the range [prefix, PrefixEnd(prefix)) of their index.
    /// </summary>
    public static string PrefixEnd(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix[..^1] + (char)(prefix[^1] + 1);
    }
}
