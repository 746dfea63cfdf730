namespace ComparisonGrid.Gateway;

/// <summary>
/// The gateway's own command-line switches, turned into configuration keys so the standard ASP.NET Core
/// configuration stack (appsettings, environment, command line) decides in one place.
/// </summary>
internal static class GatewayArguments
{
    public static string[] Normalise(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data-dir" when i + 1 < args.Length:
                    result.Add($"--ComparisonGrid:DataDirectory={args[++i]}");
                    break;
                case "--api-key" when i + 1 < args.Length:
                    result.Add($"--ComparisonGrid:ApiKeys:0={args[++i]}");
                    break;
                case "--postgres" when i + 1 < args.Length:
                    result.Add($"--ComparisonGrid:PostgresConnectionString={args[++i]}");
                    break;
                case "--silo" when i + 1 < args.Length:
                    result.Add($"--ComparisonGrid:SiloAddress={args[++i]}");
                    break;
                case "--no-samples":
                    result.Add("--ComparisonGrid:LoadSamples=false");
                    break;
                default:
                    result.Add(args[i]);
                    break;
            }
        }
        return [.. result];
    }
}
