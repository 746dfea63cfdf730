using System.Text.RegularExpressions;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Metadata;

/// <summary>
/// Resolves a region from a name as written (临汾市, 天津市蓟州区, 襄樊市, 全国) by exact names and
/// their composition, never by substring luck (绛县 is not 新绛县), and infers one from running text.
/// </summary>
public sealed partial class RegionResolver
{
    private const int MinInferenceScore = 4;

    private readonly DivisionCatalog _catalog;
    private readonly AhoCorasick<(Division Division, bool Full)> _mentions;

    public RegionResolver(DivisionCatalog catalog)
    {
        _catalog = catalog;
        var patterns = new List<(string, (Division, bool))>();
        foreach (var d in catalog.All.Where(d => d.Level != RegionLevel.National))
        {
            patterns.Add((d.Name, (d, true)));
            if (d.ShortName is { } shortName)
            {
                patterns.Add((shortName, (d, false)));
            }
        }
        _mentions = new AhoCorasick<(Division, bool)>(patterns);
    }

    public DivisionCatalog Catalog => _catalog;

    /// <summary>Resolves a name such as 临汾市 or 天津市蓟州区; <paramref name="context"/> breaks ties between equal names.</summary>
    public Division? Resolve(string name, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = name.Trim();
        if (name.Length == 0)
        {
            return null;
        }
        if (name is "全国" or "国务院" or "中华人民共和国" || name.StartsWith("国务院", StringComparison.Ordinal))
        {
            return _catalog.ByCode(DivisionCatalog.NationalCode);
        }
        var exact = _catalog.ByName(name);
        if (exact.Count > 0)
        {
            return Pick(exact, context);
        }
        // A qualified name: the tail is the region, every prefix must be a division it belongs to.
        for (var k = 2; k <= name.Length - 2; k++)
        {
            var tail = _catalog.ByName(name.AsSpan(k));
            if (tail.Count == 0)
            {
                continue;
            }
            var prefix = Resolve(name[..k], context);
            if (prefix is null)
            {
                continue;
            }
            var within = tail.Where(d => _catalog.IsWithin(d, prefix)).ToList();
            if (within.Count > 0)
            {
                return Pick(within, context);
            }
        }
        return null;
    }

    public Region ToRegion(Division d, double confidence, string resolvedFrom) => new(
        d.Name,
        d.Code,
        d.Level,
        d.Level == RegionLevel.National ? null : _catalog.ProvinceOf(d)?.Name,
        confidence,
        d.ParentCode,
        resolvedFrom);

    /// <summary>
    /// Infers the region a text speaks for from the divisions it names, kept to the level its self-references
    /// (全市, 全县, 全省) point to. Returns the best candidate and a confidence, or null.
    /// </summary>
    public (Division Division, double Confidence)? Infer(string text, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scores = new Dictionary<Division, int>();
        foreach (var (_, _, (division, full)) in _mentions.FindLongestNonOverlapping(text, from, to))
        {
            scores[division] = scores.GetValueOrDefault(division) + (full ? 2 : 1);
        }
        var suffixes = SelfReferenceSuffixes(text, from, to);
        var ranked = scores
            .Where(kv => kv.Value >= MinInferenceScore && (suffixes.Length == 0 || suffixes.Any(s => kv.Key.Name.EndsWith(s, StringComparison.Ordinal))))
            .OrderByDescending(kv => kv.Value)
            .ToList();
        if (ranked.Count == 0)
        {
            return null;
        }
        var best = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        var confidence = Math.Round(0.4 + 0.4 * best.Value / (best.Value + second), 2);
        return (best.Key, confidence);
    }

    /// <summary>
    /// The suffixes the report's own level takes, from how it refers to itself: 我市 and 全市 in a city's
    /// report. 全省第1 and 居全市前列 rank the region among its peers and say nothing of its level.
    /// </summary>
    private static string[] SelfReferenceSuffixes(string text, int from, int to)
    {
        var counts = new Dictionary<char, int>();
        foreach (Match m in SelfReference().Matches(text[from..to]))
        {
            var level = m.Groups["level"].Value[0];
            counts[level] = counts.GetValueOrDefault(level) + (m.Value[0] == '我' ? 3 : 1);
        }
        if (counts.Count == 0)
        {
            return [];
        }
        var best = counts.MaxBy(kv => kv.Value);
        return best.Value >= 3 ? [best.Key.ToString()] : [];
    }

    [GeneratedRegex(@"(?<![居列在跑于])(?:全|我|本)(?<level>[省市县区州旗盟])(?![第前首平领排同级直属委])")]
    private static partial Regex SelfReference();

    private static int Count(string text, string marker)
    {
        var n = 0;
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + marker.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }

    private Division Pick(IReadOnlyList<Division> candidates, string? context)
    {
        if (candidates.Count == 1 || context is null)
        {
            return candidates[0];
        }
        // Equal names (朝阳区, 鼓楼区): the one whose province and prefecture the text names most.
        return candidates
            .OrderByDescending(d => Mentions(context, _catalog.ProvinceOf(d)) + Mentions(context, d.ParentCode is { } p ? _catalog.ByCode(p) : null))
            .First();
    }

    private static int Mentions(string context, Division? d)
    {
        if (d is null)
        {
            return 0;
        }
        var name = d.ShortName ?? d.Name;
        return Count(context, name);
    }
}
