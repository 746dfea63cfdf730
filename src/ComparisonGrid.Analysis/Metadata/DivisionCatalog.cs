using System.Collections.Frozen;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Metadata;

/// <summary>China's divisions (national, provinces, prefectures, counties) by code, by exact name and by alias.</summary>
public sealed class DivisionCatalog
{
    public const string NationalCode = "100000";
    public const string NationalName = "全国";

    // Longest first, so 自治县 is removed whole rather than leaving 自治.
    private static readonly string[] Suffixes =
    [
        "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "自治旗",
        "林区", "特区", "地区", "省", "市", "县", "区", "州", "盟", "旗",
    ];

    private readonly FrozenDictionary<string, Division> _byCode;
    private readonly FrozenDictionary<string, Division[]> _byName;

    public DivisionCatalog(string provincesCsv, string citiesCsv, string areasCsv, string aliasesTsv)
    {
        var divisions = new List<Division> { new(NationalCode, NationalName, RegionLevel.National, NationalCode, null) };
        foreach (var (code, name, _) in ReadCsv(provincesCsv))
        {
            divisions.Add(new Division(code.PadRight(6, '0'), name, RegionLevel.Province, code.PadRight(6, '0'), NationalCode));
        }
        var prefectureCodes = new HashSet<string>();
        foreach (var (code, name, province) in ReadCsv(citiesCsv))
        {
            // Placeholder rows group municipal districts and provincially administered counties; they are not governments.
            if (name is "市辖区" or "省直辖县级行政区划" or "自治区直辖县级行政区划" or "县")
            {
                continue;
            }
            prefectureCodes.Add(code);
            divisions.Add(new Division(code.PadRight(6, '0'), name, RegionLevel.Prefecture, province!.PadRight(6, '0'), province.PadRight(6, '0')));
        }
        foreach (var (code, name, cityCode) in ReadCsv(areasCsv))
        {
            // Prefecture-level cities without counties (东莞市, 中山市) repeat themselves here; they are prefectures.
            if (prefectureCodes.Contains(code[..4]) && code.EndsWith("00", StringComparison.Ordinal))
            {
                continue;
            }
            var province = code[..2].PadRight(6, '0');
            var parent = cityCode is not null && prefectureCodes.Contains(cityCode) ? cityCode.PadRight(6, '0') : province;
            divisions.Add(new Division(code, name, RegionLevel.County, province, parent));
        }
        divisions = [.. divisions.Select(d => d with { ShortName = Shorten(d.Name) })];
        _byCode = divisions.ToFrozenDictionary(d => d.Code);
        var byName = divisions.GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var (alias, code) in ReadAliases(aliasesTsv))
        {
            // A typo in the alias file would silently file reports nowhere: refuse to start instead.
            var target = _byCode.GetValueOrDefault(code)
                ?? throw new FormatException($"region-aliases.tsv: {alias} points at {code}, which is not a known division");
            if (!byName.ContainsKey(alias))
            {
                byName[alias] = [target];
            }
        }
        _byName = byName.ToFrozenDictionary();
        All = divisions;
    }

    public IReadOnlyList<Division> All { get; }

    public IEnumerable<string> Names => _byName.Keys;

    public Division? ByCode(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Divisions whose full name (or alias) is exactly <paramref name="name"/>.</summary>
    public IReadOnlyList<Division> ByName(ReadOnlySpan<char> name) =>
        _byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var found) ? found : [];

    public Division? ProvinceOf(Division d) => ByCode(d.ProvinceCode);

    /// <summary>Is <paramref name="ancestor"/> this division or one it belongs to?</summary>
    public bool IsWithin(Division d, Division ancestor)
    {
        for (var cur = d; cur is not null; cur = cur.ParentCode is { } p && p != cur.Code ? ByCode(p) : null)
        {
            if (cur.Code == ancestor.Code)
            {
                return true;
            }
        }
        return false;
    }

    public static string? Shorten(string name)
    {
        foreach (var suffix in Suffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = name[..^suffix.Length];
                return stem.Length >= 2 ? stem : null;
            }
        }
        return null;
    }

    private static IEnumerable<(string Code, string Name, string? Parent)> ReadCsv(string csv)
    {
        foreach (var raw in csv.Split('\n').Skip(1))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split(',');
            yield return (parts[0], parts[1].Trim('"'), parts.Length > 2 ? parts[2] : null);
        }
    }

    private static IEnumerable<(string Alias, string Code)> ReadAliases(string tsv)
    {
        foreach (var raw in tsv.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split('\t');
            if (parts.Length >= 2)
            {
                yield return (parts[0], parts[1]);
            }
        }
    }
}
