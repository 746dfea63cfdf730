using System.Globalization;
using ComparisonGrid.Analysis;
using ComparisonGrid.Analysis.Metadata;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Application.Requests;

/// <summary>
/// Reads what a user asks for (kind, indicator, year, level, province, region) from text, as the CLI and the
/// HTTP API receive it, checking names against GB/T 2260 and the indicator lexicon.
/// </summary>
public static class ComparisonRequest
{
    private static DivisionCatalog Divisions => AnalysisResources.Default.Divisions;

    /// <param name="from">A panel's first year (panels take from and to instead of year).</param>
    /// <param name="to">A panel's last year.</param>
    public static ComparisonSpec Spec(string? kind, string? indicator, string? year, string? level, string? province, string? figure,
        string? from = null, string? to = null)
    {
        var k = Kind(kind);
        var id = k switch
        {
            ComparisonKind.Themes => null,
            ComparisonKind.ThemePanel => indicator is null ? throw new RequestException("a theme-panel needs a theme, e.g. tech_innovation") : Theme(indicator),
            _ => indicator is null ? throw new RequestException($"a {kind} comparison needs an indicator, e.g. gdp_growth") : Indicator(indicator),
        };
        var f = figure switch
        {
            null or "" or "target" => FigureKind.Target,
            _ when k == ComparisonKind.ThemePanel => throw new RequestException("a theme-panel has no figure: it gives each report's intensity of the theme"),
            "achieved" when k is ComparisonKind.Indicator or ComparisonKind.Provinces or ComparisonKind.Panel => FigureKind.Achieved,
            "achieved" => throw new RequestException("figure achieved applies to indicator, provinces and panel comparisons"),
            "attainment" when k == ComparisonKind.Panel => FigureKind.Attainment,
            "attainment" => throw new RequestException("figure attainment applies to panels (the attainment comparison gives one year)"),
            _ => throw new RequestException($"figure is target or achieved (or attainment for panels), not '{figure}'"),
        };
        if (k is not (ComparisonKind.Panel or ComparisonKind.ThemePanel))
        {
            return new ComparisonSpec(k, Year(year), Level(level), Province(province), id, f);
        }
        var (first, last) = (Year(from ?? year), Year(to ?? year));
        return last < first
            ? throw new RequestException($"a panel runs from a year to a later one, not from {first} to {last}")
            : last - first >= 80 ? throw new RequestException($"a panel spans at most 80 years, not {first}–{last}")
            : new ComparisonSpec(k, first, Level(level), Province(province), id, f, last);
    }

    public static ComparisonKind Kind(string? text) => WireNames.TryParse<ComparisonKind>(text, out var kind)
        ? kind
        : throw new RequestException($"unknown comparison '{text}': {Choices<ComparisonKind>()}");

    public static int Year(string? text)
    {
        if (text is null or "")
        {
            throw new RequestException("year is required");
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1949 and <= 2100
            ? year
            : throw new RequestException($"year needs a year such as 2024, not '{text}'");
    }

    public static RegionLevel? Level(string? text) => text is null or "" ? null
        : WireNames.TryParse<RegionLevel>(text, out var level) ? level
        : throw new RequestException($"level is {Choices<RegionLevel>()}, not '{text}'");

    private static string Choices<TEnum>() where TEnum : struct, Enum
    {
        var names = WireNames.All<TEnum>();
        return $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
    }

    /// <summary>A province by code (130000), name (河北省) or short name (河北).</summary>
    public static string? Province(string? text)
    {
        if (text is null or "")
        {
            return null;
        }
        var match = Divisions.All.FirstOrDefault(d => d.Level == RegionLevel.Province && (d.Code == text || d.Name == text || d.ShortName == text));
        return match?.Code ?? throw new RequestException($"unknown province '{text}' (give its name, e.g. 河北省 or 河北, or its code, e.g. 130000)");
    }

    /// <summary>A region by code or exact name; a name shared by several regions must be given as a code.</summary>
    public static string RegionCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Divisions.ByCode(text) is { } byCode)
        {
            return byCode.Code;
        }
        var named = Divisions.ByName(text);
        return named.Count switch
        {
            1 => named[0].Code,
            0 => throw new RequestException($"unknown region '{text}' (give its name, e.g. 运城市, or its code, e.g. 140800)"),
            _ => throw new RequestException($"'{text}' names {named.Count} regions ({string.Join(", ", named.Select(d => $"{d.Code} in {Divisions.ProvinceOf(d)?.Name}"))}); give the code"),
        };
    }

    public static string Theme(string text)
    {
        var known = AnalysisResources.Default.Themes.Themes.Select(t => t.Id).ToList();
        return known.Contains(text)
            ? text
            : throw new RequestException($"unknown theme '{text}'; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
    }

    public static string Indicator(string text)
    {
        var known = AnalysisResources.Default.Indicators.AllIds;
        return known.Contains(text)
            ? text
            : throw new RequestException($"unknown indicator '{text}'; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
    }
}
