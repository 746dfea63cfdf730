using System.Threading.Channels;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Model;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Grains.Tests;

/// <summary>Panels over years on the seeds and the dev corpus: the same rows as the per-year comparisons they combine, and live.</summary>
public sealed class PanelTests
{
    private static readonly string DevTexts = Repository.PathOf("tests", "corpus", "dev", "texts");

    private static ComparisonSpec Panel(int from, int to, RegionLevel? level, FigureKind figure = FigureKind.Target) =>
        new(ComparisonKind.Panel, from, level, null, "gdp_growth", figure, to);

    [Fact]
    public async Task A_panel_holds_each_years_indicator_and_attainment_rows()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples, DevTexts);
        var panel = (await grid.Grains.Comparison(Panel(2014, 2025, null)).GetAsync()).Panel!;
        Assert.True(panel.Select(r => r.Year).Distinct().Count() >= 6, "the corpus covers at least six of the years");

        for (var year = 2014; year <= 2025; year++)
        {
            var indicator = await grid.Grains.Comparison(new ComparisonSpec(ComparisonKind.Indicator, year, null, null, "gdp_growth")).GetAsync();
            var attainment = await grid.Grains.Comparison(new ComparisonSpec(ComparisonKind.Attainment, year, null, null, "gdp_growth")).GetAsync();
            var ofYear = panel.Where(r => r.Year == year).ToList();
            // The targets: one row per region, the same figure and sentence as the year's indicator comparison.
            Assert.Equal(
                indicator.Rows!.Select(r => (r.Region.Code, r.Comparator, r.Low, r.High, r.Quote)).OrderBy(r => r.Code, StringComparer.Ordinal),
                ofYear.Select(r => (r.Region.Code, r.Comparator!.Value, r.Low, r.High, r.Quote!)).OrderBy(r => r.Code, StringComparer.Ordinal));
            // Achieved and hit as the year's attainment comparison judges them.
            foreach (var a in attainment.Attainment!)
            {
                var row = Assert.Single(ofYear, r => r.Region.Code == a.Region.Code);
                Assert.Equal((a.Achieved?.Value, a.Achieved?.Quote, a.Hit), (row.Achieved, row.AchievedQuote, row.Hit));
            }
        }
        // The key names the range, and reads the year after it for the achieved figures.
        Assert.Equal("panel/gdp_growth/2014-2025/-/-/target", Panel(2014, 2025, null).ToKey());
        Assert.Equal(Panel(2014, 2025, null), ComparisonSpec.FromKey(Panel(2014, 2025, null).ToKey()));
        Assert.Equal(13, Panel(2014, 2025, null).Years.Count);
    }

    [Fact]
    public async Task A_report_added_inside_the_range_reaches_a_panel_subscriber()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples);
        var comparison = grid.Grains.Comparison(Panel(2020, 2024, RegionLevel.Province));
        var before = await comparison.GetAsync();
        Assert.DoesNotContain(before.Panel!, r => r.Region.Name == "山东省");
        var observer = new Observer();
        await comparison.SubscribeAsync(grid.Grains.CreateObjectReference<IComparisonObserver>(observer));

        await grid.IngestAsync(Grid.Fixture("shandong-2022.txt"));
        var update = await observer.Updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(update.Version > before.Version);
        var shandong = Assert.Single(update.Panel!, r => r.Region.Name == "山东省");
        Assert.Equal((2022, 5.5), (shandong.Year, shandong.Low));
    }

    private sealed class Observer : IComparisonObserver
    {
        public Channel<ComparisonResult> Updates { get; } = Channel.CreateUnbounded<ComparisonResult>();

        public Task OnComparisonUpdatedAsync(ComparisonResult result) => Updates.Writer.WriteAsync(result).AsTask();
    }

    [Fact]
    public async Task A_theme_panel_holds_each_years_theme_intensity()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples, DevTexts);
        var spec = new ComparisonSpec(ComparisonKind.ThemePanel, 2014, null, null, "tech_innovation", FigureKind.Target, 2025);
        var panel = (await grid.Grains.Comparison(spec).GetAsync()).ThemePanel!;
        Assert.Contains(panel, r => r.Hits > 0);
        for (var year = 2014; year <= 2025; year++)
        {
            var themes = (await grid.Grains.Comparison(new ComparisonSpec(ComparisonKind.Themes, year)).GetAsync()).Themes!;
            // Every report of the year has a row; one that never names the theme has zero.
            Assert.Equal(
                themes.Regions.Select(r => (r.Region.Code, r.Per10K.GetValueOrDefault("tech_innovation"))).OrderBy(r => r.Code, StringComparer.Ordinal),
                panel.Where(r => r.Year == year).Select(r => (r.Region.Code, r.Per10K)).OrderBy(r => r.Code, StringComparer.Ordinal));
        }
        Assert.All(panel, r => Assert.Equal("科技创新", r.Label));
        Assert.Equal("theme-panel/tech_innovation/2014-2025/-/-/target", spec.ToKey());
    }
}
