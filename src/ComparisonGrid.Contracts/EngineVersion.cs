using System.Reflection;

namespace ComparisonGrid.Contracts;

/// <summary>
/// The engine's version as the build stamped it: the package version and, after a '+', the git commit it was built
/// from. Exports record it, so a number can be traced to the code that produced it.
/// </summary>
public static class EngineVersion
{
    public static string Current { get; } =
        typeof(EngineVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The package version, before the '+'.</summary>
    public static string Package => Current.Split('+')[0];

    /// <summary>The git commit, after the '+'; null for a build made outside a git checkout.</summary>
    public static string? Commit => Current.Split('+') is [_, var commit, ..] ? commit : null;
}
