using ComparisonGrid.Analysis;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Cli.Tests;

/// <summary><c>cgrid eval</c> in-process: the table, the JSON, the --min-recall exit code and a bad gold file.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly string Dev = Path.Combine(Repository.Root, "tests", "corpus", "dev");
    private readonly string _dir = Directory.CreateTempSubdirectory("cgrid-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var cl = CommandLine.Parse(args, new HashSet<string>(), new HashSet<string> { "--achieved", "--format", "--min-recall" });
        var code = await new EvalCommand(Shared.Pipeline, stdout, stderr).RunAsync(cl, default);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task The_table_names_recall_per_indicator_and_the_json_carries_the_same_figures()
    {
        var (code, table, _) = await Run(Path.Combine(Dev, "targets.tsv"), Path.Combine(Dev, "texts"), "--achieved", Path.Combine(Dev, "achieved.tsv"));
        Assert.Equal(0, code);
        Assert.Contains("region+year      42/42", table, StringComparison.Ordinal);
        Assert.Contains("gdp_growth", table, StringComparison.Ordinal);
        var (_, json, _) = await Run(Path.Combine(Dev, "targets.tsv"), Path.Combine(Dev, "texts"), "--format", "json");
        var root = System.Text.Json.JsonDocument.Parse(json).RootElement;
        Assert.Equal(300, root.GetProperty("targetsLabelled").GetInt32());
        Assert.True(root.GetProperty("targetRecall").GetDouble() >= 0.98);
    }

    [Fact]
    public async Task Recall_below_the_floor_exits_one_and_a_missing_text_is_named()
    {
        var gold = Path.Combine(_dir, "gold.tsv");
        await File.WriteAllTextAsync(gold, "dev-tongchuan-2010.txt\t610200\t2010\tgdp_growth\tabout\t99\t99\tfalse\nnot-there.txt\t610200\t2010\tcpi\tabout\t3\t3\tfalse\n");
        var (code, table, err) = await Run(gold, Path.Combine(Dev, "texts"), "--min-recall", "0.5");
        Assert.Equal(EvalCommand.BelowFloor, code);
        Assert.Contains("expected about 99", table, StringComparison.Ordinal);
        Assert.Contains("not-there.txt: named in the gold but not in the folder", err, StringComparison.Ordinal);
        Assert.Contains("below --min-recall", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_gold_file_is_a_usage_error_naming_the_line()
    {
        var gold = Path.Combine(_dir, "bad.tsv");
        await File.WriteAllTextAsync(gold, "# ok\nonly\ttwo\n");
        var e = await Assert.ThrowsAsync<UsageException>(() => Run(gold, Path.Combine(Dev, "texts")));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }
}
