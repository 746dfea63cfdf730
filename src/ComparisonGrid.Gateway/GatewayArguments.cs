namespace ComparisonGrid.Gateway;

/// <summary>
/// The gateway's own command-line switches, turned into configuration keys so the standard ASP.NET Core
/// configuration stack (appsettings, environment, command line) decides in one place.
/// </summary>
internal static class GatewayArguments
{
    // Switches that take a value, and the configuration key the value goes to.
    private static readonly Dictionary<string, string> Valued = new(StringComparer.Ordinal)
    {
        ["--data-dir"] = "ComparisonGrid:DataDirectory",
        ["--api-key"] = "ComparisonGrid:ApiKeys:0",
        ["--api-key-file"] = "ComparisonGrid:ApiKeyFile",
        ["--postgres"] = "ComparisonGrid:PostgresConnectionString",
        ["--silo"] = "ComparisonGrid:SiloAddress",
        ["--silo-certificate"] = "ComparisonGrid:SiloCertificatePath",
        ["--silo-key"] = "ComparisonGrid:SiloKeyPath",
        ["--cluster-authority"] = "ComparisonGrid:ClusterAuthorityPath",
    };

    public static string[] Normalise(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (Valued.TryGetValue(args[i], out var key) && i + 1 < args.Length)
            {
                result.Add($"--{key}={args[++i]}");
            }
            else
            {
                result.Add(args[i] == "--no-samples" ? "--ComparisonGrid:LoadSamples=false" : args[i]);
            }
        }
        return [.. result];
    }
}
