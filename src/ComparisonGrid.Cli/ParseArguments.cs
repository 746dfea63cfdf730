using ComparisonGrid.Analysis;

namespace ComparisonGrid.Cli;

internal static class ParseArguments
{
    /// <summary>The parse options of --text-column, --max-size (MB) and --max-report-chars, shared by parse and ingest.</summary>
    public static ParseOptions Options(CommandLine cl)
    {
        ArgumentNullException.ThrowIfNull(cl);
        var maxMb = cl.Number("--max-size") ?? ParseOptions.DefaultMaxBytes / 1024.0 / 1024.0;
        var maxReport = cl.Number("--max-report-chars") ?? ParseOptions.DefaultMaxReportCharacters;
        if (maxReport < 1 || maxReport > int.MaxValue)
        {
            throw new UsageException($"--max-report-chars takes a number of characters from 1 to {int.MaxValue}, not {maxReport}");
        }
        return new ParseOptions(cl.Value("--text-column"), (long)(maxMb * 1024 * 1024), (int)maxReport);
    }
}
