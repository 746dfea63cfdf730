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
    /// <summary>An indicator family a clause talks about, under the label it is written with.</summary>
    private readonly record struct Subject(string Family, string Label, int Start);

    private readonly IndicatorLexicon _lexicon;
    private readonly FigureReader _figures;

    public IndicatorClauseReader(IndicatorLexicon lexicon, FigureReader figures)
    {
        _lexicon = lexicon;
        _figures = figures;
    }

    [GeneratedRegex(@"(?:增速|增长|涨幅)?(?:要)?(?<rel>与|和|同)(?:经济增长|经济增速|经济发展|GDP增长|地区生产总值增长|生产总值增长)(?:保持)?(?:基本)?(?:同步|相适应|相协调)|(?:增速|增长)?(?<rel>高于|快于|超过|低于|慢于)(?:全省|全市|全国)?(?:经济增长|经济增速|GDP增速|地区生产总值增速)(?:水平|速度)?")]
    private static partial Regex Relation();

    // 其中 goes on with the subject only when a figure or its verb follows at once (其中增长…); 其中税收收入增长23.3%
    // names a component, which is not the subject.
    [GeneratedRegex(@"^[\s,，]*(?:按可比(?:口径|价格?)(?:计算)?)?(?:同比|比上年|较上年|增长|增速|下降|降低|上涨|力争|争取|其中(?=[\s,，]*(?:同比|比上年|较上年|增长|增速|下降|降低|上涨|完成|达到|\d))|分别|均|完成|达到|占)")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"下降|降低|减少")]
    private static partial Regex Reduction();

    [GeneratedRegex(@"^[\s,，]*(?:按可比(?:口径|价格?)(?:计算)?)?(?:同比|比上年|较上年)?分别")]
    private static partial Regex Respectively();

    [GeneratedRegex(@"增长|增速")]
    private static partial Regex Growth();

    [GeneratedRegex(@"占|比重")]
    private static partial Regex Share();

    /// <summary>The indicator ids of a family (gdp → gdp_growth, gdp).</summary>
    public IEnumerable<string> IdsOf(string family) => _lexicon.Family(family).IdsByMetric.Values;

    /// <param name="mentions">When given, collects the clauses that name an indicator before a figure with a unit, as
    /// <see cref="Mentions"/> finds them, at no second reading of the span.</param>
    public IReadOnlyList<Target> Read(string text, int from, int to, ICollection<IndicatorMention>? mentions = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var statements = new List<Target>();
        IReadOnlyList<Subject>? previous = null;
        // What the sentence has listed with a level figure so far (财政总收入144.9亿元、地方财政收入104.6亿元，…):
        // a later 分别增长a%、b% pairs with these in order; null where the thing listed is not an indicator.
        var listed = new List<Subject?>();
        foreach (var (cs, ce, hard) in Clauses(text, from, to))
        {
            var clause = text.AsSpan(cs, ce - cs);
            if (!MayStateIndicator(clause))
            {
                // 按可比价计算 / 位次实现新突破 between a label and its growth does not end the subject.
                if (hard)
                {
                    previous = null;
                    listed.Clear();
                }
                continue;
            }
            var relations = new List<(int Start, int End, string Kind)>();
            for (var m = Relation().Match(text, cs, ce - cs); m.Success; m = m.NextMatch())
            {
                relations.Add((m.Index, m.Index + m.Length, RelationKind(m.Groups["rel"].Value)));
            }
            // 占地区生产总值比重3.14%: what follows 占 is the denominator of a share, not the clause's subject.
            var labels = _lexicon.Labels.FindLongestNonOverlapping(text, cs, ce)
                .Where(l => !relations.Any(r => l.Start >= r.Start && l.Start < r.End) && !(l.Start > cs && text[l.Start - 1] == '占'))
                .ToList();
            var figures = _figures.Read(text, cs, ce)
                .Where(f => !relations.Any(r => f.Start >= r.Start && f.Start < r.End))
                .ToList();
            var firstFigure = figures.Count > 0 ? figures[0].Start : (relations.Count > 0 ? relations[0].Start : ce);
            if (mentions is not null)
            {
                Mention(text, cs, ce, labels, figures, mentions);
            }
            IReadOnlyList<Subject> families = [];
            if (labels.Count > 0)
            {
                // Only labels before the first figure are the clause's subjects; later ones belong to comparisons.
                var subjects = labels.Where(l => l.Start < firstFigure).ToList();
                families = [.. subjects.SelectMany(l => l.Value.Families.Select(f => new Subject(f, text.Substring(l.Start, l.Length), l.Start)))];
                if (figures.Count > 1 && families.Count != figures.Count && subjects.Count > 0
                    && text.AsSpan(subjects[^1].Start, firstFigure - subjects[^1].Start).Contains("分别", StringComparison.Ordinal))
                {
                    // 新设外资项目数量、合同外资金额、实到外资金额分别增长21.5%、7.1%和10.1%: pair by list position.
                    PairByPosition(text, ListItems(text, cs, firstFigure, subjects), figures, statements);
                    families = [];
                }
            }
            else if (figures.Count > 0 && Respectively().IsMatch(clause))
            {
                if (listed.Count == figures.Count)
                {
                    PairByPosition(text, listed, figures, statements);
                }
                else if (previous is not null && previous.Count == figures.Count)
                {
                    families = previous;
                }
            }
            else if (previous is not null && figures.Count > 0 && Continuation().IsMatch(clause))
            {
                families = previous;
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
            Remember(text, cs, labels, figures, listed);
            if (hard)
            {
                listed.Clear();
            }
        }
        return statements;
    }

    /// <summary>
    /// The clauses of a span that name an indicator before a figure with a unit (增长6%, 45亿元): what a reader of the
    /// report would take for a statement about that indicator, whether or not <see cref="Read"/> could pair them.
    /// </summary>
    /// <param name="settled">Families whose clauses need no reading (the report already holds a figure for them): labels
    /// are found for the whole span at once, and only a clause naming an unsettled family has its figures read.</param>
    public IReadOnlyList<IndicatorMention> Mentions(string text, int from, int to, Func<string, bool>? settled = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mentions = new List<IndicatorMention>();
        var labels = _lexicon.Labels.FindLongestNonOverlapping(text, from, to);
        var next = 0;
        foreach (var (cs, ce, _) in labels.Count == 0 ? [] : Clauses(text, from, to))
        {
            while (next < labels.Count && labels[next].Start < cs)
            {
                next++;
            }
            var first = next;
            var open = false;
            while (next < labels.Count && labels[next].Start < ce)
            {
                foreach (var family in labels[next].Value.Families)
                {
                    open |= settled is null || !settled(family);
                }
                next++;
            }
            if (open && text.AsSpan(cs, ce - cs).IndexOfAnyInRange('0', '9') >= 0)
            {
                Mention(text, cs, ce, labels[first..next], _figures.Read(text, cs, ce), mentions);
            }
        }
        return mentions;
    }

    /// <summary>Adds the clause [cs, ce) when a label stands before its first figure with a unit.</summary>
    private void Mention(string text, int cs, int ce, List<(int Start, int Length, IndicatorLabel Value)> labels, IReadOnlyList<Figure> figures, ICollection<IndicatorMention> mentions)
    {
        var firstUnit = -1;
        for (var i = 0; i < figures.Count && firstUnit < 0; i++)
        {
            firstUnit = figures[i].Unit is null ? -1 : figures[i].Start;
        }
        if (firstUnit < 0 || labels.Count == 0 || labels[0].Start >= firstUnit)
        {
            return;
        }
        var ids = labels.Where(l => l.Start < firstUnit).SelectMany(l => l.Value.Families).Distinct(StringComparer.Ordinal)
            .SelectMany(IdsOf).Distinct(StringComparer.Ordinal).ToList();
        mentions.Add(new IndicatorMention(cs, ce, text.Substring(labels[0].Start, labels[0].Length), ids, figures.Any(f => f.HasOwnQualifier || f.Stretch)));
    }

    /// <summary>Adds the clause's level figures to the running list, each under the label just before it.</summary>
    private static void Remember(string text, int cs, List<(int Start, int Length, IndicatorLabel Value)> labels, List<Figure> figures, List<Subject?> listed)
    {
        if (figures.Count == 0)
        {
            return;
        }
        if (figures.Any(f => f.Unit is "%" or "个百分点"))
        {
            listed.Clear();
            return;
        }
        var from = cs;
        foreach (var f in figures)
        {
            var label = labels.LastOrDefault(l => l.Start >= from && l.Start < f.Start);
            listed.Add(label.Value is null ? null : SingleSubject(text, label));
            from = f.End;
        }
    }

    /// <summary>The one indicator a list item names; null for a label naming several (城乡居民…), whose place is unclear.</summary>
    private static Subject? SingleSubject(string text, (int Start, int Length, IndicatorLabel Value) label) =>
        label.Value.Families.Count == 1 ? new Subject(label.Value.Families[0], text.Substring(label.Start, label.Length), label.Start) : null;

    /// <summary>The items of a list before 分别 (A、B和C), each the label it holds or null, split outside labels.</summary>
    private static List<Subject?> ListItems(string text, int from, int to, List<(int Start, int Length, IndicatorLabel Value)> labels)
    {
        var items = new List<Subject?> { null };
        for (var i = from; i < to; i++)
        {
            if (labels.FirstOrDefault(l => i >= l.Start && i < l.Start + l.Length) is { Value: not null } label)
            {
                items[^1] = SingleSubject(text, label);
                i = label.Start + label.Length - 1;
            }
            else if (text[i] is '、' or '和' or '及' or '与')
            {
                items.Add(null);
            }
        }
        return items;
    }

    private void PairByPosition(string text, IReadOnlyList<Subject?> items, List<Figure> figures, List<Target> output)
    {
        if (items.Count != figures.Count)
        {
            // A list whose items cannot be counted is left out rather than paired wrongly.
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } subject)
            {
                Add(text, subject, figures[i], subject.Start, figures[i].End, figures[i].Stretch, output);
            }
        }
    }

    /// <summary>
    /// Where the indicator that a trigger belongs to starts (经济增长的预期目标为: 经济增长), when the span ends with a
    /// label followed by nothing but 增长 / 增速 / 的; null otherwise.
    /// </summary>
    public int? SubjectBefore(string text, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(text);
        var labels = _lexicon.Labels.FindLongestNonOverlapping(text, from, to);
        if (labels.Count == 0)
        {
            return null;
        }
        var (start, length, _) = labels[^1];
        return TriggerJoint().IsMatch(text.AsSpan(start + length, to - start - length)) ? start : null;
    }

    [GeneratedRegex(@"^(?:增长|增速)?的?$")]
    private static partial Regex TriggerJoint();

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

    private void Pair(string text, IReadOnlyList<Subject> families, List<Figure> figures, List<Target> output)
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

    private void Add(string text, Subject subject, Figure figure, int quoteStart, int quoteEnd, bool stretch, List<Target> output)
    {
        var family = _lexicon.Family(subject.Family);
        var metric = Metric(text, subject, figure, family);
        var (low, high) = (figure.Low, figure.High);
        if (metric == "reduction" && family.IdFor("reduction") is null && family.IdFor("growth") is not null && figure.Unit is "%")
        {
            // 地方一般公共预算收入下降1.7%: a growth of -1.7%.
            (metric, low, high) = ("growth", -figure.High, -figure.Low);
        }
        var id = family.IdFor(metric);
        if (id is null)
        {
            return;
        }
        var unit = figure.Unit;
        if (CpiIndex.IsIndex(id, low, high, unit))
        {
            // 居民消费价格指数103.5%以内, 涨幅104%左右: an index of last year = 100, so the rise it states.
            (low, high) = (CpiIndex.Rise(low), CpiIndex.Rise(high));
        }
        if (unit == "人")
        {
            // People are counted in 万人 (城镇新增就业50万人); 2300人 is 0.23 of them.
            (low, high, unit) = (low / 1e4, high / 1e4, "万人");
        }
        output.Add(new Target(id, subject.Label, metric, figure.Comparator, low, high, unit,
            stretch, text[quoteStart..quoteEnd], quoteStart, quoteEnd));
    }

    private static string Metric(string text, Subject subject, Figure figure, IndicatorFamily family)
    {
        if (figure.Unit is not "%" and not "个百分点" and not null)
        {
            return "level";
        }
        var between = text.AsSpan(subject.Start, Math.Max(0, figure.Start - subject.Start));
        var afterLabel = between[Math.Min(between.Length, subject.Label.Length)..];
        if (!family.IdsByMetric.ContainsKey("share") && Share().IsMatch(afterLabel))
        {
            // 规模以上工业增加值…占全市的79%: a share of something else, not the indicator's growth.
            return "share";
        }
        if (!family.IdsByMetric.ContainsKey("growth") && Growth().IsMatch(afterLabel))
        {
            // 研发经费支出增长12%: the growth of something whose share is the indicator.
            return "growth";
        }
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

    /// <summary>
    /// A 、 right after a figure (its qualifier included) that is not followed by another figure starts a clause of its
    /// own: 第二产业增加值增长6%以上、第三产业增加值增长5.5% states two things, 分别增长5%、6% is one list.
    /// </summary>
    private static bool JoinsFigureAndNext(string text, int i, int to) =>
        text[i] == '、' && i > 0 && i + 1 < to
        && (EndsFigure(text, i) || (i > 2 && text.AsSpan(i - 2, 2) is "以上" or "左右" or "以内" or "以下" or "上下" && EndsFigure(text, i - 2)))
        && !char.IsAsciiDigit(text[i + 1]);

    /// <summary>Whether the character before <paramref name="i"/> ends a figure (6%, 6.6亿元, 1141人).</summary>
    private static bool EndsFigure(string text, int i) =>
        i > 0 && (text[i - 1] is '%' or '元' or '人' or '吨' or '斤' or '亩' or '点' || char.IsAsciiDigit(text[i - 1]));

    /// <summary>Clauses as (start, end, ends a sentence): split at 。；; hard and at commas soft.</summary>
    private static IEnumerable<(int Start, int End, bool Hard)> Clauses(string text, int from, int to)
    {
        var start = from;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            var hard = c is '。' or '；' or ';' or '\n' or '！' or '!';
            // A colon inside a list (增长15.4%：农牧民人均纯收入…) separates items like a comma.
            if (hard || c is '，' or ',' or '：' or ':' || JoinsFigureAndNext(text, i, to))
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
