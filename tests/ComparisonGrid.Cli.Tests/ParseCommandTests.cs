using ComparisonGrid.Analysis;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Cli.Tests;

/// <summary><c>cgrid parse</c> in-process: JSON on stdout, one line per bad input on stderr, exit codes.</summary>
public sealed class ParseCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cgrid-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Good_inputs_exit_zero_with_the_contract_json()
    {
        var (code, stdout, stderr) = await Run([Repository.Sample("000"), Fixtures.Path("ningxiang-2023.txt")]);
        Assert.Equal(0, code);
        var output = ReportJson.Deserialize(stdout)!;
        Assert.Equal(["141000", "430182"], output.Reports.Select(r => r.Region!.Code));
        Assert.Contains("\"per10k\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"comparator\": \"about\"", stdout, StringComparison.Ordinal);
        Assert.Contains("地区生产总值增长7.5%左右", stdout, StringComparison.Ordinal);
        Assert.Contains("parsed 2/2 files", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_lists_the_clauses_read_as_neither_target_nor_achievement_with_offsets()
    {
        const string text = "2024年某某县人民政府工作报告\n各位代表：\n一、2023年工作回顾\n全县地区生产总值增长6.1%，规上工业增加值占比达到41%。\n"
            + "二、2024年工作安排\n主要预期目标是：地区生产总值增长6%左右。\n为实现上述目标，要抓好以下工作。确保进出口增长5%以上。\n（一）扩大开放。全年外贸企业增长10%以上。\n";
        var file = Write("report.txt", System.Text.Encoding.UTF8.GetBytes(text));
        var (code, stdout, _) = await Run([file, "--explain"]);
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("1 targets, 1 achievements, 2 clauses read as neither", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("review", StringComparison.Ordinal) && l.Contains($"offset {text.IndexOf("规上工业", StringComparison.Ordinal)} ", StringComparison.Ordinal) && l.Contains("「规上工业增加值占比达到41%」", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("plan", StringComparison.Ordinal) && l.Contains("trade_growth", StringComparison.Ordinal) && l.Contains("「确保进出口增长5%以上」", StringComparison.Ordinal));
        Assert.DoesNotContain("\"reports\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_with_bad_files_prints_the_rest_and_names_each_bad_one()
    {
        var empty = Write("empty.txt", []);
        var binary = Write("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);
        var csv = Write("corpus.csv", "id,title\n1,x\n"u8.ToArray());
        var big = Write("big.txt", new byte[2 * 1024 * 1024]);
        var (code, stdout, stderr) = await Run([empty, Fixtures.Path("ningxiang-2023.txt"), binary, csv, big, Path.Combine(_dir, "missing.txt"), "--max-size", "1"]);
        Assert.Equal(2, code);
        Assert.Single(ReportJson.Deserialize(stdout)!.Reports);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("cgrid:", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("empty.txt: the file is empty", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("image.png (offset 8): binary data", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("corpus.csv (line 1): no text column", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("big.txt: the file is 2.0 MB, over the limit of 1 MB", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("missing.txt: no such file or folder", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_over_the_length_limit_is_an_error_naming_its_offset()
    {
        var (code, stdout, stderr) = await Run([Fixtures.Path("ningxiang-2023.txt"), "--max-report-chars", "100"]);
        Assert.Equal(2, code);
        Assert.Empty(ReportJson.Deserialize(stdout)!.Reports);
        Assert.Contains("ningxiang-2023.txt (offset 0): a report of", stderr, StringComparison.Ordinal);
        Assert.Contains("over the limit of 100:", stderr, StringComparison.Ordinal);
        await Assert.ThrowsAsync<UsageException>(() => Run([Fixtures.Path("corpus.csv"), "--max-report-chars", "0.5"]));
    }

    [Fact]
    public async Task Out_writes_a_file_and_usage_errors_are_reported()
    {
        var outFile = Path.Combine(_dir, "out.json");
        var (code, stdout, _) = await Run([Fixtures.Path("heping-2021.html"), "--out", outFile]);
        Assert.Equal((0, ""), (code, stdout));
        Assert.Single(ReportJson.Deserialize(await File.ReadAllTextAsync(outFile))!.Reports);
        await Assert.ThrowsAsync<UsageException>(() => Run(["--bogus"]));
        await Assert.ThrowsAsync<UsageException>(() => Run([Fixtures.Path("corpus.csv"), "--max-size", "zero"]));
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var cl = CommandLine.Parse(args, ParseCommand.Flags, ParseCommand.Valued);
        var code = await new ParseCommand(Shared.Pipeline, stdout, stderr).RunAsync(cl, CancellationToken.None);
        return (code, stdout.ToString().Trim(), stderr.ToString());
    }
}
