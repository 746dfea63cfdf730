using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Sections;

/// <summary>Classifies a top-level section by its title, with the ordered rules of section-kinds.tsv.</summary>
public sealed class SectionKindRules
{
    private readonly List<(SectionKind Kind, string[] Patterns)> _rules = [];

    public SectionKindRules(string tsv)
    {
        foreach (var row in DataFile.Rows(tsv))
        {
            var kind = row[0] switch
            {
                "review" => SectionKind.Review,
                "targets" => SectionKind.Targets,
                "plan" => SectionKind.Plan,
                "self_building" => SectionKind.SelfBuilding,
                "outlook" => SectionKind.Outlook,
                _ => throw new FormatException($"section-kinds.tsv: unknown kind {row[0]}"),
            };
            _rules.Add((kind, row[1].Split('|', StringSplitOptions.RemoveEmptyEntries)));
        }
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
