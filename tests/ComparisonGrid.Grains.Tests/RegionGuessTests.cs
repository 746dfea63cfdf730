using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains.Tests;

/// <summary>A report whose region was only guessed never pushes out the report resolved with confidence for that key.</summary>
public sealed class RegionGuessTests
{
    [Fact]
    public async Task A_region_uncertain_report_is_held_and_the_resolved_one_stays_in_its_comparison()
    {
        await using var grid = await Grid.StartAsync();
        await grid.IngestAsync(Grid.Samples);
        var grain = grid.Grains.Report("140800", 2024);
        var stored = (await grain.GetAsync())!;
        Assert.DoesNotContain(QualityFlags.RegionUncertain, stored.Report.Flags);

        var guessed = stored.Report with
        {
            Flags = [.. stored.Report.Flags, QualityFlags.RegionUncertain],
            Targets = [],
        };
        var outcome = await grain.IngestAsync(guessed, "another-source", "另一份文本");
        Assert.Equal(IngestStatus.Held, outcome.Status);
        Assert.Equal(stored.Version, outcome.Version);

        var after = (await grain.GetAsync())!;
        Assert.Equal((stored.Version, stored.SourceHash), (after.Version, after.SourceHash));
        // Kept for review beside it, with its text.
        var held = (await grain.GetHeldAsync(withText: true))!;
        Assert.Equal(("another-source", "另一份文本"), (held.SourceHash, held.SourceText));
        var spec = new ComparisonSpec(ComparisonKind.Indicator, 2024, RegionLevel.Prefecture, null, "gdp_growth");
        Assert.Contains((await grid.Grains.Comparison(spec).GetAsync()).Rows!, r => r.Region.Code == "140800");

        // A report resolved with confidence still replaces the stored one.
        var resolved = stored.Report with { Targets = [.. stored.Report.Targets.Take(1)] };
        Assert.Equal(IngestStatus.Replaced, (await grain.IngestAsync(resolved, "third-source", "第三份")).Status);
    }
}
