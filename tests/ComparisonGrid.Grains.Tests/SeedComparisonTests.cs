using System.Text.Json;
using System.Threading.Channels;
using ComparisonGrid.Cli;
using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Tests;

public sealed class SeedComparisonTests
{
    private static ComparisonSpec Gdp2022Provinces => new(ComparisonKind.Indicator, 2022, RegionLevel.Province, Indicator: "gdp_growth");

    [Fact]
    public async Task The_2022_province_gdp_comparison_lists_hebei_liaoning_and_qinghai_with_their_targets()
    {
        await using var grid = await Grid.StartAsync();
        var (code, _, err) = await grid.IngestAsync(Grid.Samples);
        Assert.True(code == 0, err);
        var result = await grid.Grains.GetGrain<IComparisonGrain>(Gdp2022Provinces.ToKey()).GetAsync();
        var rows = result.Rows!.ToDictionary(r => r.Region.Name, r => (r.Comparator, r.Low, r.Unit));
        Assert.Equal(new[] { "河北省", "辽宁省", "青海省" }, rows.Keys.Order());
        Assert.Equal((Comparator.Exact, 6.5, "%"), rows["河北省"]);
        Assert.Equal((Comparator.AtLeast, 5.5, "%"), rows["辽宁省"]);
        Assert.Equal((Comparator.About, 5.5, "%"), rows["青海省"]);
        Assert.Equal(3, result.Stats!.N);
        Assert.Equal(5.5, result.Stats.Median);
        Assert.Equal(1, result.Rows![0].Rank);
        Assert.Equal("河北省", result.Rows[0].Region.Name);
    }

    [Fact]
    public async Task The_2024_prefecture_comparison_for_shanxi_has_yuncheng_and_shuozhou()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples);
        var spec = new ComparisonSpec(ComparisonKind.Indicator, 2024, RegionLevel.Prefecture, "140000", "gdp_growth");
        var result = await grid.Grains.Comparison(spec).GetAsync();
        Assert.Equal(new[] { "朔州市", "运城市" }, result.Rows!.Select(r => r.Region.Name).Order());
        Assert.All(result.Rows!, r => Assert.Equal("山西省", r.Region.Province));
    }

    [Fact]
    public async Task Ingesting_the_same_folder_twice_reports_everything_unchanged()
    {
        await using var grid = await Grid.StartAsync();
        var first = await grid.IngestAsync(Grid.Samples);
        Assert.Contains("ingested 14 reports from 5 files: 14 new, 0 replaced, 0 unchanged; 0 failed", first.Out, StringComparison.Ordinal);
        var version = (await grid.Grains.GetGrain<IComparisonGrain>(Gdp2022Provinces.ToKey()).GetAsync()).Version;
        var second = await grid.IngestAsync(Grid.Samples);
        Assert.Equal(0, second.Code);
        Assert.Contains("ingested 14 reports from 5 files: 0 new, 0 replaced, 14 unchanged; 0 failed", second.Out, StringComparison.Ordinal);
        Assert.Equal(version, (await grid.Grains.GetGrain<IComparisonGrain>(Gdp2022Provinces.ToKey()).GetAsync()).Version);
    }

    [Fact]
    public async Task A_subscriber_receives_a_new_version_when_a_matching_report_is_ingested()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples);
        var comparison = grid.Grains.GetGrain<IComparisonGrain>(Gdp2022Provinces.ToKey());
        var before = await comparison.GetAsync();
        var observer = new Observer();
        await comparison.SubscribeAsync(grid.Grains.CreateObjectReference<IComparisonObserver>(observer));

        // A prefecture report of another year does not touch this comparison …
        await grid.IngestAsync(Grid.Fixture("ningxiang-2023.txt"));
        // … a province report of 2022 does.
        var (code, _, err) = await grid.IngestAsync(Grid.Fixture("shandong-2022.txt"));
        Assert.True(code == 0, err);
        var update = await observer.Updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(before.Version + 1, update.Version);
        var shandong = Assert.Single(update.Rows!, r => r.Region.Name == "山东省");
        Assert.Equal((Comparator.AtLeast, 5.5), (shandong.Comparator, shandong.Low));
        Assert.Equal(4, update.Stats!.N);
        Assert.False(observer.Updates.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_subscriber_receives_a_new_version_when_a_member_report_is_replaced_by_a_new_text_for_the_same_region_and_year()
    {
        await using var grid = await Grid.StartAsync();
        var (code, _, err) = await grid.IngestAsync(Grid.Fixture("shandong-2022.txt"));
        Assert.True(code == 0, err);
        var comparison = grid.Grains.GetGrain<IComparisonGrain>(Gdp2022Provinces.ToKey());
        var before = await comparison.GetAsync();
        Assert.Equal(5.5, Assert.Single(before.Rows!).Low);
        var observer = new Observer();
        await comparison.SubscribeAsync(grid.Grains.CreateObjectReference<IComparisonObserver>(observer));

        // A first push (another province), so the next one is compared with what subscribers already have.
        var text = await File.ReadAllTextAsync(Grid.Fixture("shandong-2022.txt"));
        var henan = Path.Combine(grid.DataDirectory, "henan-2022.txt");
        await File.WriteAllTextAsync(henan, text.Replace("山东省", "河南省", StringComparison.Ordinal));
        Assert.Equal(0, (await grid.IngestAsync(henan)).Code);
        var first = await observer.Updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, first.Rows!.Count);

        // The same region and year, a revised text: the same members by key, different content.
        var revised = Path.Combine(grid.DataDirectory, "shandong-2022-revised.txt");
        await File.WriteAllTextAsync(revised, text.Replace("生产总值增长5.5%以上", "生产总值增长6%以上", StringComparison.Ordinal));
        (code, var output, err) = await grid.IngestAsync(revised);
        Assert.True(code == 0, err);
        Assert.Contains("1 replaced", output, StringComparison.Ordinal);
        var update = await observer.Updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(update.Version > first.Version);
        var shandong = Assert.Single(update.Rows!, r => r.Region.Name == "山东省");
        Assert.Equal((Comparator.AtLeast, 6.0), (shandong.Comparator, shandong.Low));
    }

    [Fact]
    public async Task A_burst_of_matching_reports_reaches_subscribers_as_one_version_with_everything_in_it()
    {
        // The grains' clock is the test's: the coalescing delay passes only when the test says so, so the test
        // waits for what happened, never for a time.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var grid = await Grid.StartAsync(clock: clock);
        await grid.IngestAsync(Grid.Samples);
        var comparison = grid.Grains.GetGrain<IComparisonGrain>(Gdp2022Provinces.ToKey());
        var observer = new Observer();
        await comparison.SubscribeAsync(grid.Grains.CreateObjectReference<IComparisonObserver>(observer));
        var dir = Directory.CreateTempSubdirectory("cgrid-burst-").FullName;
        try
        {
            var text = await File.ReadAllTextAsync(Grid.Fixture("shandong-2022.txt"));
            string[] provinces = ["山东省", "河南省", "江苏省", "浙江省", "广东省", "四川省"];
            foreach (var p in provinces)
            {
                await File.WriteAllTextAsync(Path.Combine(dir, $"{p}.txt"), text.Replace("山东省", p, StringComparison.Ordinal));
            }
            await grid.IngestAsync(dir);
            Assert.False(observer.Updates.Reader.TryRead(out _), "a version was pushed before the coalescing delay passed");
            clock.Advance(TimeSpan.FromMilliseconds(200));
            var update = await observer.Updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(9, update.Rows!.Count);
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
            Assert.False(observer.Updates.Reader.TryRead(out var extra), $"a second version after the burst: {extra?.Version}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_different_text_for_the_same_region_and_year_replaces_the_report_and_keeps_the_old_hash()
    {
        await using var grid = await Grid.StartAsync();
        var dir = Directory.CreateTempSubdirectory("cgrid-replace-").FullName;
        try
        {
            var path = Path.Combine(dir, "shandong.txt");
            var text = await File.ReadAllTextAsync(Grid.Fixture("shandong-2022.txt"));
            await File.WriteAllTextAsync(path, text);
            await grid.IngestAsync(path);
            var first = await grid.Grains.GetGrain<IReportGrain>("370000/2022").GetAsync();
            await File.WriteAllTextAsync(path, text.Replace("增长5.5%以上", "增长6%以上", StringComparison.Ordinal));
            var (_, output, _) = await grid.IngestAsync(path);
            Assert.Contains("1 replaced", output, StringComparison.Ordinal);
            var second = await grid.Grains.GetGrain<IReportGrain>("370000/2022").GetAsync();
            Assert.Equal(2, second!.Version);
            Assert.Equal(first!.SourceHash, Assert.Single(second.History).SourceHash);
            Assert.Equal(6, second.Report.Targets.First(t => t.Indicator == "gdp_growth").Low);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_process_sees_what_the_first_stored()
    {
        string dir;
        await using (var first = await Grid.StartAsync())
        {
            await first.IngestAsync(Grid.Samples);
            dir = first.DataDirectory;
            await first.StopAsync();
            await using var second = await Grid.StartAsync(dir);
            var regions = await second.Grains.RegionCatalog().ListAsync(null, null);
            Assert.Equal(14, regions.Count);
            var result = await second.Grains.GetGrain<IComparisonGrain>(Gdp2022Provinces.ToKey()).GetAsync();
            Assert.Equal(3, result.Rows!.Count);
            var report = await second.Grains.GetGrain<IReportGrain>("140800/2024").GetAsync();
            Assert.Equal("运城市", report!.Report.Region!.Name);
        }
    }

    [Fact]
    public async Task Csv_output_has_a_bom_and_a_header_and_json_has_spec_version_rows_and_stats()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples);
        string Run(string format)
        {
            using var stdout = new StringWriter();
            var cl = CommandLine.Parse(["indicator", "gdp_growth", "--year", "2022", "--level", "province", "--format", format],
                new HashSet<string>(), new HashSet<string> { "--year", "--level", "--format", "--province", "--kind" });
            new CompareCommand(grid.Grains, stdout, TextWriter.Null, TimeProvider.System).RunAsync(cl).GetAwaiter().GetResult();
            return stdout.ToString();
        }
        var csv = Run("csv");
        Assert.StartsWith("\uFEFFrank,region,code,level,province,comparator,low,high,unit,stretch,value,quote\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("1,河北省,130000,province,河北省,exact,6.5,6.5,%,no,6.5,生产总值增长6.5%", csv, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Run("json"));
        var root = json.RootElement;
        Assert.Equal("gdp_growth", root.GetProperty("spec").GetProperty("indicator").GetString());
        Assert.True(root.GetProperty("version").GetInt64() >= 1);
        var row = root.GetProperty("rows")[0];
        Assert.Equal("河北省", row.GetProperty("region").GetProperty("name").GetString());
        Assert.Equal("province", row.GetProperty("region").GetProperty("level").GetString());
        Assert.Equal("exact", row.GetProperty("comparator").GetString());
        Assert.Equal(3, root.GetProperty("stats").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task One_bad_file_is_listed_and_the_rest_of_the_batch_is_stored()
    {
        await using var grid = await Grid.StartAsync();
        var dir = Directory.CreateTempSubdirectory("cgrid-batch-").FullName;
        try
        {
            File.Copy(Grid.Fixture("shandong-2022.txt"), Path.Combine(dir, "a-shandong.txt"));
            await File.WriteAllBytesAsync(Path.Combine(dir, "b-binary.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01]);
            await File.WriteAllTextAsync(Path.Combine(dir, "c-no-region.txt"), "今年的主要预期目标是：地区生产总值增长5%左右。这是一段没有标题也没有地区名称的文字，用来检查无法确定地区的报告会被列出。" + new string('。', 60));
            var (code, output, errors) = await grid.IngestAsync(dir, Grid.Fixture("missing.txt"));
            Assert.Equal(2, code);
            Assert.Contains("1 new", output, StringComparison.Ordinal);
            Assert.Contains("b-binary.txt", errors, StringComparison.Ordinal);
            Assert.Contains("c-no-region.txt", errors, StringComparison.Ordinal);
            Assert.Contains("missing.txt: no such file or folder", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
            Assert.NotNull(await grid.Grains.GetGrain<IReportGrain>("370000/2022").GetAsync());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class Observer : IComparisonObserver
    {
        public Channel<ComparisonResult> Updates { get; } = Channel.CreateUnbounded<ComparisonResult>();

        public Task OnComparisonUpdatedAsync(ComparisonResult result) => Updates.Writer.WriteAsync(result).AsTask();
    }
}
