using System.Globalization;
using ComparisonGrid.Analysis;
using ComparisonGrid.Analysis.Metadata;
using ComparisonGrid.Model;

namespace ComparisonGrid.Cli;

/// <summary>Reads the options comparisons share (--year, --level, --province) and region names, against GB/T 2260.</summary>
internal static class GridArguments
{
    private static DivisionCatalog Divisions => AnalysisResources.Default.Divisions;

    public static string DataDirectory(CommandLine cl) => cl.Value("--data-dir") ?? GridHost.DefaultDataDirectory;

    public static int Year(CommandLine cl)
    {
        var text = cl.Value("--year") ?? throw new UsageException("--year is required");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1949 and <= 2100
            ? year
            : throw new UsageException($"--year needs a year such as 2024, not '{text}'");
    }

    public static RegionLevel? Level(CommandLine cl) => cl.Value("--level") switch
    {
        null => null,
        "national" => RegionLevel.National,
        "province" => RegionLevel.Province,
        "prefecture" => RegionLevel.Prefecture,
        "county" => RegionLevel.County,
        var other => throw new UsageException($"--level is national, province, prefecture or county, not '{other}'"),
    };

    /// <summary>A province by code (130000), name (河北省) or short name (河北).</summary>
    public static string? Province(CommandLine cl)
    {
        var text = cl.Value("--province");
        if (text is null)
        {
            return null;
        }
        var match = Divisions.All.FirstOrDefault(d => d.Level == RegionLevel.Province && (d.Code == text || d.Name == text || d.ShortName == text));
        return match?.Code ?? throw new UsageException($"unknown province '{text}' (give its name, e.g. 河北省 or 河北, or its code, e.g. 130000)");
    }

    /// <summary>A region by code or exact name; a name shared by several regions must be given as a code.</summary>
    public static string RegionCode(string text)
    {
        if (Divisions.ByCode(text) is { } byCode)
        {
            return byCode.Code;
        }
        var named = Divisions.ByName(text);
        return named.Count switch
        {
            1 => named[0].Code,
            0 => throw new UsageException($"unknown region '{text}' (give its name, e.g. 运城市, or its code, e.g. 140800)"),
            _ => throw new UsageException($"'{text}' names {named.Count} regions ({string.Join(", ", named.Select(d => $"{d.Code} in {Divisions.ProvinceOf(d)?.Name}"))}); give the code"),
        };
    }

    public static string Indicator(string text)
    {
        var known = AnalysisResources.Default.Indicators.AllIds.ToHashSet(StringComparer.Ordinal);
        return known.Contains(text)
            ? text
            : throw new UsageException($"unknown indicator '{text}'; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
    }

    public static string Format(CommandLine cl) => cl.Value("--format") switch
    {
        null or "table" => "table",
        "csv" => "csv",
        "json" => "json",
        var other => throw new UsageException($"--format is table, csv or json, not '{other}'"),
    };
}
