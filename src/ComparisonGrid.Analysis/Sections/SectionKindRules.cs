using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Sections;

/// <summary>
/// Classifies a top-level section by its title, with the ordered rules of section-kinds.tsv, and by what it says
/// where the title is silent or misleading, with the cues of section-content.tsv.
/// </summary>
public sealed class SectionKindRules
{
    /// <summary>Cue hits the winning content kind needs, so one stray word does not decide.</summary>
    private const int MinContentHits = 3;

    /// <summary>A targets section with this many sub-sections, in a report without a plan, is the plan.</summary>
    public const int PlanChildren = 3;

    /// <summary>Characters under which one cue is enough.</summary>
    private const int ShortSection = 1000;

    private readonly List<(SectionKind Kind, string[] Patterns)> _rules = [];
    private readonly AhoCorasick<SectionKind>? _cues;

    public SectionKindRules(string tsv, string? contentTsv = null)
    {
        foreach (var row in DataFile.Rows(tsv))
        {
            _rules.Add((KindOf(row[0], "section-kinds.tsv"), row[1].Split('|', StringSplitOptions.RemoveEmptyEntries)));
        }
        if (contentTsv is not null)
        {
            _cues = new AhoCorasick<SectionKind>(DataFile.Rows(contentTsv)
                .SelectMany(row => row[1].Split('|', StringSplitOptions.RemoveEmptyEntries).Select(cue => (cue, KindOf(row[0], "section-content.tsv")))));
        }
    }

    private static SectionKind KindOf(string name, string file) => name switch
    {
        "review" => SectionKind.Review,
        "targets" => SectionKind.Targets,
        "plan" => SectionKind.Plan,
        "self_building" => SectionKind.SelfBuilding,
        "outlook" => SectionKind.Outlook,
        _ => throw new FormatException($"{file}: unknown kind {name}"),
    };

    /// <summary>
    /// The kind of a top-level section from its title kind and its text: a silent title (other) takes the kind its
    /// text speaks of; a targets title whose text is about five years is the outlook.
    /// </summary>
    public SectionKind Refine(SectionKind byTitle, string title, string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(title);
        if (_cues is null || byTitle is not (SectionKind.Other or SectionKind.Targets))
        {
            return byTitle;
        }
        var hits = new Dictionary<SectionKind, int>();
        foreach (var (_, _, kind) in _cues.FindLongestNonOverlapping(text, start, end))
        {
            hits[kind] = hits.GetValueOrDefault(kind) + 1;
        }
        if (byTitle == SectionKind.Targets)
        {
            // Only a title that names the five-year span (“十三五”…主要目标) can make targets an outlook: an annual
            // targets section may well cite the plan it serves.
            var fiveYearTitle = _cues.FindLongestNonOverlapping(title).Any(c => c.Value == SectionKind.Outlook);
            return fiveYearTitle && hits.GetValueOrDefault(SectionKind.Outlook) > hits.GetValueOrDefault(SectionKind.Plan)
                ? SectionKind.Outlook : byTitle;
        }
        var ranked = hits.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).ToList();
        if (ranked.Count == 0 || (ranked.Count > 1 && ranked[1].Value == ranked[0].Value))
        {
            return byTitle;
        }
        // A short section (one point of a review that starts mid-way) has room for few cues.
        var needed = end - start < ShortSection ? 1 : MinContentHits;
        return ranked[0].Value >= needed ? ranked[0].Key : byTitle;
    }

    public SectionKind Classify(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        foreach (var (kind, patterns) in _rules)
        {
            if (patterns.Any(p => title.Contains(p, StringComparison.Ordinal)))
            {
                return kind;
            }
        }
        return SectionKind.Other;
    }
}
