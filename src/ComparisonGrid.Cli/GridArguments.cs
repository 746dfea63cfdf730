using ComparisonGrid.Application.Requests;
using ComparisonGrid.Model;

namespace ComparisonGrid.Cli;

/// <summary>The grid options of the command line (--year, --level, --province, --format, --data-dir), as usage errors.</summary>
internal static class GridArguments
{
    public static string DataDirectory(CommandLine cl) => cl.Value("--data-dir") ?? GridHost.DefaultDataDirectory;

    public static RegionLevel? Level(CommandLine cl) => Read(() => ComparisonRequest.Level(cl.Value("--level")));

    public static string? Province(CommandLine cl) => Read(() => ComparisonRequest.Province(cl.Value("--province")));

    public static string RegionCode(string text) => Read(() => ComparisonRequest.RegionCode(text));

    public static string Format(CommandLine cl) => cl.Value("--format") switch
    {
        null or "table" => "table",
        "csv" => "csv",
        "json" => "json",
        var other => throw new UsageException($"--format is table, csv or json, not '{other}'"),
    };

    /// <summary>Runs a request reader, turning what it refuses into a usage error.</summary>
    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (RequestException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
