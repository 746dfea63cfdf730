using ComparisonGrid.Cli.Bench;

namespace ComparisonGrid.Cli.Tests;

/// <summary><c>cgrid bench</c> refuses what it cannot measure with a usage error that says what it needs.</summary>
public sealed class BenchCommandTests
{
    private static Task<int> Run(params string[] args)
    {
        var cl = CommandLine.Parse(args, new HashSet<string> { "--reads-only" },
            new HashSet<string> { "--seconds", "--url", "--api-key", "--postgres", "--port" });
        return new BenchCommand(Shared.Pipeline, TextWriter.Null).RunAsync(cl, CancellationToken.None);
    }

    [Theory]
    [InlineData("bench knows:", "nonsense")]
    [InlineData("--api-key KEY", "http", "--url", "http://127.0.0.1:1")]
    [InlineData("--url GATEWAY", "bare")]
    public async Task A_benchmark_missing_what_it_needs_is_a_usage_error_naming_it(string named, params string[] args)
    {
        var e = await Assert.ThrowsAsync<UsageException>(() => Run(args));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
