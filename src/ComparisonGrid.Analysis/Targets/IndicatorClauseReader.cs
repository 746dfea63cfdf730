using System.Text.RegularExpressions;
using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>
/// Reads indicator figures (as <see cref="Target"/>s; achievements are built from them) from a span of text, clause by clause: the labels a clause names, its figures,
/// and how they pair (分别增长7.5%左右、8%左右; 均增长8%; 增速与经济增长同步). A clause with figures but no
/// label continues the previous one only when it starts as a continuation does (同比增长9.3%, 力争7%).
/// </summary>
public sealed partial class IndicatorClauseReader
{
    private readonly IndicatorLexicon _lexicon;
    private readonly FigureReader _figures;

    public IndicatorClauseReader(IndicatorLexicon lexicon, FigureReader figures)
    {
        _lexicon = lexicon;
        _figures = figures;
    }

    [GeneratedRegex(@"(?:增速|增长|涨幅)?(?:要)?(?<rel>与|和|同)(?:经济增长|经济增速|经济发展|GDP增长|地区生产总值增长|生产总值增长)(?:保持)?(?:基本)?(?:同步|相适应|相协调)|(?:增速|增长)?(?<rel>高于|快于|超过|低于|慢于)(?:全省|全市|全国)?(?:经济增长|经济增速|GDP增速|地区生产总值增速)(?:水平|速度)?")]
    private static partial Regex Relation();

    [GeneratedRegex(@"^[\s,，]*(?:同比|比上年|较上年|增长|增速|下降|降低|上涨|力争|争取|其中|分别|均|完成|达到)")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"下降|降低|减少")]
    private static partial Regex Reduction();

    public IReadOnlyList<Target> Read(string text, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(text);
        var statements = new List<Target>();
        IReadOnlyList<(string Family, string Label, int Start)>? previous = null;
        foreach (var (cs, ce, hard) in Clauses(text, from, to))
        {
            if (!MayStateIndicator(text.AsSpan(cs, ce - cs)))
            {
                previous = null;
                continue;
            }
            var relations = new List<(int Start, int End, string Kind)>();
            for (var m = Relation().Match(text, cs, ce - cs); m.Success; m = m.NextMatch())
            {
                relations.Add((m.Index, m.Index + m.Length, RelationKind(m.Groups["rel"].Value)));
            }
            var labels = _lexicon.Labels.FindLongestNonOverlapping(text, cs, ce)
                .Where(l => !relations.Any(r => l.Start >= r.Start && l.Start < r.End))
                .ToList();
            var figures = _figures.Read(text, cs, ce)
                .Where(f => !relations.Any(r => f.Start >= r.Start && f.Start < r.End))
                .ToList();
            IReadOnlyList<(string Family, string Label, int Start)> families;
            if (labels.Count > 0)
            {
                // Only labels before the first figure are the clause's subjects; later ones belong to comparisons.
                var firstFigure = figures.Count > 0 ? figures[0].Start : (relations.Count > 0 ? relations[0].Start : ce);
                families = [.. labels.Where(l => l.Start < firstFigure)
                    .SelectMany(l => l.Value.Families.Select(f => (f, text.Substring(l.Start, l.Length), l.Start)))];
            }
            else if (previous is not null && figures.Count > 0 && Continuation().IsMatch(text.AsSpan(cs, ce - cs)))
            {
                families = previous;
            }
            else
            {
                families = [];
            }
            if (families.Count > 0 && relations.Count > 0)
            {
                foreach (var (family, label, start) in families)
                {
                    var id = _lexicon.Family(family).IdFor("growth");
                    if (id is not null)
                    {
                        statements.Add(new Target(id, label, "growth", Comparator.Relation, null, null, null, false,
                            text[start..relations[0].End], start, relations[0].End, relations[0].Kind, "gdp_growth"));
                    }
                }
            }
            else if (families.Count > 0 && figures.Count > 0)
            {
                Pair(text, families, figures, statements);
            }
            previous = families.Count > 0 ? families : (hard ? null : previous);
        }
        return statements;
    }

    /// <summary>The span names an indicator or holds a figure: a qualitative or unlisted slot of a target list.</summary>
    public bool TalksAboutIndicators(string text, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan(from, to - from).IndexOfAnyInRange('0', '9') >= 0
            || _lexicon.Labels.FindLongestNonOverlapping(text, from, to).Count > 0;
    }

    /// <summary>A clause states a figure only with a digit, and a relation only by naming economic growth.</summary>
    private static bool MayStateIndicator(ReadOnlySpan<char> clause) =>
        clause.IndexOfAnyInRange('0', '9') >= 0
        || clause.Contains("经济", StringComparison.Ordinal)
        || clause.Contains("生产总值", StringComparison.Ordinal)
        || clause.Contains("GDP", StringComparison.Ordinal);

    private void Pair(string text, IReadOnlyList<(string Family, string Label, int Start)> families, List<Figure> figures, List<Target> output)
    {
        // Qualifiers of a list go with the last figure: 分别增长5%和3.5%左右 reads as both about.
        var lastQualified = figures.LastOrDefault(f => f.HasOwnQualifier);
        var inherited = figures.Select(f => !f.HasOwnQualifier && lastQualified is not null && f.Comparator == Comparator.Exact && figures.Count > 1
            ? f with { Comparator = lastQualified.Comparator } : f).ToList();
        var quoteStart = families.Min(f => f.Start);
        if (families.Count > 1)
        {
            var quoteEnd = inherited[^1].End;
            for (var i = 0; i < families.Count; i++)
            {
                var figure = inherited.Count == families.Count ? inherited[i] : inherited[0];
                Add(text, families[i], figure, quoteStart, quoteEnd, figure.Stretch, output);
            }
            return;
        }
        // One label, several figures: the first expected figure of each metric (达到450亿元、增长8% is a level and
        // a growth) and its 力争 stretch; further figures of a metric already read are detail.
        var family = _lexicon.Family(families[0].Family);
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        var anyExpected = inherited.Any(f => !f.Stretch);
        foreach (var figure in inherited)
        {
            var metric = Metric(text, families[0], figure, family);
            if (figure.Stretch || metrics.Add(metric))
            {
                Add(text, families[0], figure, figure.Stretch && anyExpected ? figure.Start : quoteStart, figure.End, figure.Stretch, output);
            }
        }
    }

    private void Add(string text, (string Family, string Label, int Start) subject, Figure figure, int quoteStart, int quoteEnd, bool stretch, List<Target> output)
    {
        var family = _lexicon.Family(subject.Family);
        var metric = Metric(text, subject, figure, family);
        var id = family.IdFor(metric);
        if (id is null)
        {
            return;
        }
        output.Add(new Target(id, subject.Label, metric, figure.Comparator, figure.Low, figure.High, figure.Unit,
            stretch, text[quoteStart..quoteEnd], quoteStart, quoteEnd));
    }

    private static string Metric(string text, (string Family, string Label, int Start) subject, Figure figure, IndicatorFamily family)
    {
        if (figure.Unit is not "%" and not "个百分点" and not null)
        {
            return "level";
        }
        var between = text.AsSpan(subject.Start, Math.Max(0, figure.Start - subject.Start));
        if (family.IdsByMetric.ContainsKey("reduction") || Reduction().IsMatch(between))
        {
            return "reduction";
        }
        foreach (var metric in (string[])["rate", "share"])
        {
            if (family.IdsByMetric.ContainsKey(metric))
            {
                return metric;
            }
        }
        return figure.Unit is null && family.IdsByMetric.ContainsKey("level") && !family.IdsByMetric.ContainsKey("growth") ? "level" : "growth";
    }

    private static string RelationKind(string word) => word switch
    {
        "高于" or "快于" or "超过" => "above",
        "低于" or "慢于" => "below",
        _ => "in_step",
    };

    /// <summary>Clauses as (start, end, ends a sentence): split at 。；; hard and at commas soft.</summary>
    private static IEnumerable<(int Start, int End, bool Hard)> Clauses(string text, int from, int to)
    {
        var start = from;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            var hard = c is '。' or '；' or ';' or '\n' or '！' or '!';
            if (hard || c is '，' or ',')
            {
                if (i > start)
                {
                    yield return (start, i, hard);
                }
                start = i + 1;
            }
        }
        if (to > start)
        {
            yield return (start, to, true);
        }
    }
}
