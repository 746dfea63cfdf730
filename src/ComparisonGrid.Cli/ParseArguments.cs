using ComparisonGrid.Analysis;

namespace ComparisonGrid.Cli;

internal static class ParseArguments
{
    /// <summary>The parse options of --text-column and --max-size (MB), shared by parse and ingest.</summary>
    public static ParseOptions Options(CommandLine cl)
    {
        ArgumentNullException.ThrowIfNull(cl);
        var maxMb = cl.Number("--max-size") ?? ParseOptions.DefaultMaxBytes / 1024.0 / 1024.0;
        return new ParseOptions(cl.Value("--text-column"), (long)(maxMb * 1024 * 1024));
    }
}
