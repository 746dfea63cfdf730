using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ComparisonGrid.Application.Export;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Model;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Grains.Tests;

/// <summary>Export archives: a manifest naming each report's hash, a codebook for every column, and the same bytes for the same data.</summary>
public sealed class ExportTests
{
    private static readonly string DevTexts = Repository.PathOf("tests", "corpus", "dev", "texts");
    private static readonly ComparisonSpec Panel = new(ComparisonKind.Panel, 2014, null, null, "gdp_growth", FigureKind.Target, 2025);

    [Fact]
    public async Task The_manifest_names_each_reports_hash_and_source_and_the_panel_rows_point_into_it()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples, DevTexts);
        var result = await grid.Grains.Comparison(Panel).GetAsync();
        var files = Unzip(await ExportArchive.BuildAsync([result], DateTimeOffset.UnixEpoch));

        using var manifest = JsonDocument.Parse(files["manifest.json"]);
        var root = manifest.RootElement;
        Assert.Equal(EngineVersion.Package, root.GetProperty("engineVersion").GetString());
        Assert.Equal(Panel.ToKey(), root.GetProperty("comparisons")[0].GetProperty("key").GetString());
        var reports = root.GetProperty("reports").EnumerateArray().ToList();
        Assert.NotEmpty(reports);
        foreach (var report in reports)
        {
            var key = ReportKey.For(report.GetProperty("regionCode").GetString()!, report.GetProperty("year").GetInt32());
            var stored = await grid.Grains.GetGrain<IReportGrain>(key).GetAsync(withText: true);
            Assert.NotNull(stored);
            // The hash is the stored source text's, and the source names the file it came from.
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(stored.SourceText!))),
                report.GetProperty("hash").GetString());
            Assert.Equal(stored.Report.Source.Input, report.GetProperty("source").GetString()!.Split('#')[0]);
        }
        var hashes = reports.Select(r => r.GetProperty("hash").GetString()).ToHashSet();
        Assert.All(result.Panel!, row => Assert.Contains(row.ReportHash, hashes));
        // Every file is listed with the hash of its bytes.
        foreach (var file in root.GetProperty("files").EnumerateArray())
        {
            var bytes = files[file.GetProperty("name").GetString()!];
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
        }
        var reportsCsv = Encoding.UTF8.GetString(files["reports.csv"]);
        Assert.Equal(reports.Count + 1, reportsCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("## Comparators", Encoding.UTF8.GetString(files["codebook.md"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_named_as_a_formula_is_text_in_every_csv_and_negative_figures_stay_numbers()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Repository.Sample("003"));
        var spec = new ComparisonSpec(ComparisonKind.Panel, 2019, null, null, "gdp_growth", FigureKind.Target, 2025);
        var result = await grid.Grains.Comparison(spec).GetAsync();
        // The source as an upload names it: the file name a user chose.
        var renamed = result with { Reports = [.. result.Reports!.Select(r => r with { Source = "=HYPERLINK(\"http://x\",\"y\").txt" })] };
        var reportsCsv = Encoding.UTF8.GetString(Unzip(await ExportArchive.BuildAsync([renamed], DateTimeOffset.UnixEpoch))["reports.csv"]);
        var row = Assert.Single(reportsCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.Contains(",\"'=HYPERLINK(", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", row, StringComparison.Ordinal);
        var table = new TextTable("a", "b", "c", "d", "e");
        table.Add("+SUM(A1)", "@cmd", "\tx", -1.7, "-1.7");
        Assert.EndsWith("'+SUM(A1),'@cmd,'\tx,-1.7,-1.7\r\n", table.ToCsv(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_export_after_a_restart_is_byte_identical_apart_from_the_time()
    {
        var first = await Grid.StartAsync();
        byte[] before;
        try
        {
            await first.IngestAsync(Grid.Samples);
            before = await ExportArchive.BuildAsync([await first.Grains.Comparison(Panel).GetAsync()], DateTimeOffset.UnixEpoch);
            await first.StopAsync();
            await using var again = await Grid.StartAsync(first.DataDirectory);
            var after = await ExportArchive.BuildAsync([await again.Grains.Comparison(Panel).GetAsync()], DateTimeOffset.UnixEpoch.AddDays(1));

            var (a, b) = (Unzip(before), Unzip(after));
            Assert.Equal(a.Keys, b.Keys);
            foreach (var name in a.Keys.Where(n => n != "manifest.json"))
            {
                Assert.Equal(a[name], b[name]);
            }
            Assert.NotEqual(a["manifest.json"], b["manifest.json"]);
            Assert.Equal(WithoutTime(a["manifest.json"]), WithoutTime(b["manifest.json"]));
            Assert.Equal(before, await ExportArchive.BuildAsync([await again.Grains.Comparison(Panel).GetAsync()], DateTimeOffset.UnixEpoch));
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_codebook_explains_every_column_of_every_kind()
    {
        var spec = (ComparisonKind kind) => new ComparisonSpec(kind, 2024, Indicator: "gdp_growth", ToYear: kind == ComparisonKind.Panel ? 2025 : null);
        foreach (var kind in Enum.GetValues<ComparisonKind>())
        {
            var header = ComparisonTable.For(new ComparisonResult(spec(kind), 0, DateTimeOffset.UnixEpoch)).Header;
            // Themes add one column per theme, explained as a kind of column; every fixed column has its own entry.
            Assert.All(header, column => Assert.True(Codebook.Default.Explains(column), $"{WireNames.Of(kind)}: codebook.md does not explain '{column}'"));
        }
        var archive = Unzip(await ExportArchive.BuildAsync([new ComparisonResult(spec(ComparisonKind.Panel), 0, DateTimeOffset.UnixEpoch)], DateTimeOffset.UnixEpoch));
        var codebook = Encoding.UTF8.GetString(archive["codebook.md"]);
        Assert.Contains("| report_hash | SHA-256, hex |", codebook, StringComparison.Ordinal);
        Assert.Contains(QualityFlags.RegionUncertain, codebook, StringComparison.Ordinal);
        // The dataset export's tables too: every column of every table.
        Assert.All(Application.Export.Dataset.DatasetTables.All.SelectMany(t => t.Columns.Select(c => (t.Name, c.Name))),
            c => Assert.True(Codebook.Default.Explains(c.Item2), $"{c.Item1}: codebook.md does not explain '{c.Item2}'"));
    }

    private static string WithoutTime(byte[] manifest) =>
        System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(manifest), "\"createdAt\": \"[^\"]*\"", "");

    private static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
