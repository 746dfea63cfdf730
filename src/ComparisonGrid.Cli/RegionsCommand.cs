using System.Text.Json;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Export;

namespace ComparisonGrid.Cli;

/// <summary>
/// <c>cgrid regions</c> lists the stored regions and their years; <c>cgrid report</c> prints one stored report;
/// <c>cgrid changes</c> what changed in a region's report from the year before.
/// </summary>
internal sealed class RegionsCommand(IGrainFactory grains, TextWriter stdout)
{
    public async Task<int> ListAsync(CommandLine cl)
    {
        var format = GridArguments.Format(cl);
        var regions = await grains.RegionCatalog()
            .ListAsync(GridArguments.Level(cl), GridArguments.Province(cl)).ConfigureAwait(false);
        if (format == "json")
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(regions, CliJson.Readable.IReadOnlyListRegionEntry)).ConfigureAwait(false);
            return 0;
        }
        var t = new TextTable("code", "region", "level", "province", "years");
        foreach (var r in regions)
        {
            t.Add(r.Region.Code, r.Region.Name, WireNames.Of(r.Region.Level), r.Region.Province, string.Join(' ', r.Years));
        }
        await stdout.WriteAsync(format == "csv" ? t.ToCsv() : t.ToTable()).ConfigureAwait(false);
        return 0;
    }

    public async Task<int> ReportAsync(CommandLine cl, TextWriter stderr)
    {
        if (cl.Positional.Count != 2 || !int.TryParse(cl.Positional[1], System.Globalization.CultureInfo.InvariantCulture, out var year))
        {
            throw new UsageException("report needs a region (name or code) and a year: report 运城市 2024");
        }
        var code = GridArguments.RegionCode(cl.Positional[0]);
        var key = ReportKey.For(code, year);
        var stored = await grains.Report(code, year).GetAsync().ConfigureAwait(false);
        if (stored is null)
        {
            await stderr.WriteLineAsync($"cgrid: no report stored for {cl.Positional[0]} ({key})").ConfigureAwait(false);
            return 1;
        }
        await stdout.WriteLineAsync(JsonSerializer.Serialize(stored, CliJson.Readable.StoredReport)).ConfigureAwait(false);
        return 0;
    }

    public async Task<int> ChangesAsync(CommandLine cl, TextWriter stderr)
    {
        if (cl.Positional.Count != 2 || !int.TryParse(cl.Positional[1], System.Globalization.CultureInfo.InvariantCulture, out var year))
        {
            throw new UsageException("changes needs a region (name or code) and a year: changes 广东省 2023 (against the stored year before)");
        }
        var code = GridArguments.RegionCode(cl.Positional[0]);
        var changes = await grains.Region(code).ChangesAsync(null, year).ConfigureAwait(false);
        if (changes is null)
        {
            await stderr.WriteLineAsync($"cgrid: {cl.Positional[0]} has no report of {year} and of a year before it to compare").ConfigureAwait(false);
            return 1;
        }
        var format = GridArguments.Format(cl);
        if (format == "json")
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(changes, CliJson.Readable.ReportChanges)).ConfigureAwait(false);
            return 0;
        }
        var t = new TextTable("indicator", "change", changes.From.ToString(System.Globalization.CultureInfo.InvariantCulture),
            changes.To.ToString(System.Globalization.CultureInfo.InvariantCulture), "difference", "quote before", "quote after");
        foreach (var c in changes.Targets.Where(c => c.Change != TargetChangeKind.Unchanged))
        {
            t.Add(c.Indicator, WireNames.Of(c.Change), Figure(c.Before), Figure(c.After),
                c.Difference?.ToString("+0.##;-0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "", c.Before?.Quote ?? "", c.After?.Quote ?? "");
        }
        if (format == "csv")
        {
            await stdout.WriteAsync(t.ToCsv()).ConfigureAwait(false);
            return 0;
        }
        await stdout.WriteLineAsync($"{changes.Region.Name} {changes.From} → {changes.To}").ConfigureAwait(false);
        await stdout.WriteAsync(t.ToTable()).ConfigureAwait(false);
        await stdout.WriteLineAsync("themes rose: " + string.Join(", ", changes.ThemesRose.Select(c => $"{c.Label} {c.Change:+0.##}"))).ConfigureAwait(false);
        await stdout.WriteLineAsync("themes fell: " + string.Join(", ", changes.ThemesFell.Select(c => $"{c.Label} {c.Change:0.##}"))).ConfigureAwait(false);
        await stdout.WriteLineAsync("sections added: " + string.Join("; ", changes.SectionsAdded)).ConfigureAwait(false);
        await stdout.WriteLineAsync("sections removed: " + string.Join("; ", changes.SectionsRemoved)).ConfigureAwait(false);
        return 0;
    }

    private static string Figure(FigureView? figure) => figure is null ? "" :
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{WireNames.Of(figure.Comparator)} {figure.Low}{(figure.High is { } h && h != figure.Low ? $"–{h}" : "")}{figure.Unit}");
}
