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
    /// <summary>Below this score the inferred region is flagged for review.</summary>
    private const double MinInferenceScore = 5;

    /// <summary>The score at which inference is as sure as text alone can make it.</summary>
    private const double StrongEvidence = 10;

    /// <summary>Self-reference or the speaker's office agreeing with a candidate's level.</summary>
    private const double LevelAgreement = 2;

    /// <summary>A runner-up within this factor of the best makes the choice uncertain.</summary>
    private const double CloseRunnerUp = 1.5;

    private readonly DivisionCatalog _catalog;
    private readonly AhoCorasick<(Division Division, bool Full)> _mentions;

    private readonly IReadOnlySet<string> _commonWords;

    /// <param name="commonWords">Short names that are also common words (合作, 资源): evidence only beside their full name.</param>
    public RegionResolver(DivisionCatalog catalog, IReadOnlySet<string>? commonWords = null)
    {
        _catalog = catalog;
        _commonWords = commonWords ?? new HashSet<string>();
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
        _byShortName = catalog.All.Where(d => d.ShortName is not null && d.Level != RegionLevel.National)
            .GroupBy(d => d.ShortName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Division>)[.. g.OrderBy(d => d.Level)], StringComparer.Ordinal);
    }

    private readonly Dictionary<string, IReadOnlyList<Division>> _byShortName;

    /// <summary>
    /// A name written without its suffix where a name is expected (2022年临汾政府工作报告): the division of that short
    /// name, the higher level first (临汾 is 临汾市, not a 临汾县), equal names broken by the context.
    /// </summary>
    /// <param name="others">How many other divisions share the short name: the choice is a guess when above zero.</param>
    public Division? ResolveShortName(string name, string? context, out int others)
    {
        ArgumentNullException.ThrowIfNull(name);
        others = 0;
        if (!_byShortName.TryGetValue(name.Trim(), out var candidates))
        {
            return null;
        }
        others = candidates.Count - 1;
        var top = candidates.Where(d => d.Level == candidates[0].Level).ToList();
        return Pick(top, context);
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
        if (IsNational(name))
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

    /// <summary>Names of the national government: 全国, 国务院, 中华人民共和国国务院, 中央人民政府.</summary>
    public static bool IsNational(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name is "全国" or "中华人民共和国" or "中国" or "中央人民政府" or "中央政府"
            || name.Contains("国务院", StringComparison.Ordinal)
            || (name.StartsWith("中华人民共和国", StringComparison.Ordinal) && name.EndsWith("政府", StringComparison.Ordinal));
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
    /// Infers the region a text speaks for by weighing evidence: full names with their suffix (齐齐哈尔市, 2 each),
    /// short names (运城 1 each, 齐齐哈尔 1.5: a longer name is seldom there by accident), self-reference (全市, 我市) and the speaker's office (市长) agreeing
    /// with the candidate's level. A short name that is also a common word (合作, 资源, 和平: common-word-names.txt)
    /// counts only for a division the text also names in full.
    /// </summary>
    /// <param name="office">The speaker's office as written (市长, 县长, 国务院总理), when known.</param>
    public RegionInference? Infer(string text, int from, int to, string? office = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var full = new Dictionary<Division, int>();
        var shortMentions = new Dictionary<Division, int>();
        foreach (var (_, _, (division, isFull)) in _mentions.FindLongestNonOverlapping(text, from, to))
        {
            var counts = isFull ? full : shortMentions;
            counts[division] = counts.GetValueOrDefault(division) + 1;
        }
        var suffixes = SelfReferenceSuffixes(text, from, to);
        var officeSuffix = OfficeSuffix(office);
        var scores = new Dictionary<Division, double>();
        foreach (var d in full.Keys.Union(shortMentions.Keys))
        {
            var named = full.GetValueOrDefault(d);
            var shortCount = shortMentions.GetValueOrDefault(d);
            var shortCounts = named > 0 || (d.ShortName is { } sn && !_commonWords.Contains(sn));
            var score = 2.0 * named + (shortCounts ? shortCount * ((d.ShortName?.Length ?? 0) >= 3 ? 1.5 : 1) : 0);
            if (score == 0)
            {
                continue;
            }
            if (suffixes.Length > 0)
            {
                if (!suffixes.Any(x => d.Name.EndsWith(x, StringComparison.Ordinal)))
                {
                    continue;
                }
                score += LevelAgreement;
            }
            if (officeSuffix is not null)
            {
                // A 县长 speaks for a 县: the office rules out every other kind of division.
                if (!d.Name.EndsWith(officeSuffix, StringComparison.Ordinal))
                {
                    continue;
                }
                score += LevelAgreement;
            }
            scores[d] = score;
        }
        var ranked = scores.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Code, StringComparer.Ordinal).ToList();
        if (ranked.Count == 0)
        {
            return null;
        }
        var best = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        var confidence = Math.Round(Math.Min(0.9, 0.4 + 0.4 * best.Value / (best.Value + second) * Math.Min(1, best.Value / StrongEvidence)), 2);
        var uncertain = best.Value < MinInferenceScore || second * CloseRunnerUp >= best.Value;
        return new RegionInference(best.Key, confidence, uncertain, [.. ranked.Take(5).Select(kv => (kv.Key, kv.Value))]);
    }

    /// <summary>The suffix the speaker's office gives the region: 市长 speaks for a 市, 县长 for a 县.</summary>
    private static string? OfficeSuffix(string? office) =>
        office is null || office.Contains("总理", StringComparison.Ordinal) ? null : office.TrimStart('代', '理')[..1];

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
