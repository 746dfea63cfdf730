using System.Text.Json;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Export;

namespace ComparisonGrid.Cli;

/// <summary><c>cgrid regions</c> lists the stored regions and their years; <c>cgrid report</c> prints one stored report.</summary>
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
}
