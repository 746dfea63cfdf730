using System.Collections.Frozen;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>The written labels of indicators, from indicators.tsv; a label may stand for several families at once.</summary>
public sealed class IndicatorLexicon
{
    private readonly Dictionary<string, IndicatorFamily> _families = [];

    public IndicatorLexicon(string tsv, string? variantsTsv = null)
    {
        var variants = variantsTsv is null ? [] : DataFile.Rows(variantsTsv).Select(r => (Part: r[0], Forms: r[1].Split('|'))).ToList();
        var labels = new List<(string, IndicatorLabel)>();
        foreach (var row in DataFile.Rows(tsv))
        {
            if (row.Length < 3)
            {
                throw new FormatException($"indicators.tsv: a row needs family, ids and labels: {string.Join(' ', row)}");
            }
            var familyNames = row[0].Split('+');
            if (row[1] != "-")
            {
                var ids = row[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split('='))
                    .ToDictionary(p => p[0], p => p[1]);
                _families[row[0]] = new IndicatorFamily(row[0], ids);
            }
            foreach (var label in row[2].Split('|'))
            {
                labels.Add((label, new IndicatorLabel(label, familyNames)));
                foreach (var (part, forms) in variants.Where(v => label.Contains(v.Part, StringComparison.Ordinal)))
                {
                    labels.AddRange(forms.Select(f => label.Replace(part, f, StringComparison.Ordinal)).Select(v => (v, new IndicatorLabel(v, familyNames))));
                }
            }
        }
        foreach (var (_, label) in labels)
        {
            foreach (var f in label.Families.Where(f => !_families.ContainsKey(f)))
            {
                throw new FormatException($"indicators.tsv: label {label.Text} names unknown family {f}");
            }
        }
        Labels = new AhoCorasick<IndicatorLabel>(labels);
        AllIds = _families.Values.SelectMany(f => f.IdsByMetric.Values).ToFrozenSet(StringComparer.Ordinal);
    }

    public AhoCorasick<IndicatorLabel> Labels { get; }

    public IndicatorFamily Family(string name) => _families[name];

    /// <summary>Every indicator id, built once: requests check names against it.</summary>
    public IReadOnlySet<string> AllIds { get; }
}

/// <summary>A written label and the indicator families it names, in order (城乡居民 → urban, rural).</summary>
public sealed record IndicatorLabel(string Text, IReadOnlyList<string> Families);
