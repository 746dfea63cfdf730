namespace ComparisonGrid.Cli.Tests;

/// <summary>One pipeline for the commands under test, as the CLI's host holds one.</summary>
internal static class Shared
{
    public static readonly Analysis.ReportPipeline Pipeline = new();
}
