using ComparisonGrid.Analysis.Decoding;
using ComparisonGrid.Analysis.Metadata;
using ComparisonGrid.Model;
using ComparisonGrid.Analysis.Normalisation;
using ComparisonGrid.Analysis.Sections;
using ComparisonGrid.Analysis.Splitting;
using ComparisonGrid.Analysis.Targets;
using ComparisonGrid.Analysis.Text;
using ComparisonGrid.Analysis.Themes;

namespace ComparisonGrid.Analysis;

/// <summary>
/// Text in, structured reports out: decode → normalise → split → metadata → sections → targets and
/// achievements → themes. Pure: no I/O and no shared mutable state, so one instance parses on all cores.
/// </summary>
public sealed class ReportPipeline
{
    private const int MinReportCharacters = 50;

    private readonly TextDecoder _decoder;
    private readonly HtmlTextExtractor _html = new();
    private readonly CorpusReader _corpus = new();
    private readonly TextNormaliser _normaliser;
    private readonly ReportSplitter _splitter;
    private readonly RegionResolver _regions;
    private readonly MetadataExtractor _metadata;
    private readonly SectionParser _sections;
    private readonly TargetExtractor _targets;
    private readonly AchievementExtractor _achievements;
    private readonly ThemeCounter _themes;

    public ReportPipeline(AnalysisResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _decoder = new TextDecoder(resources.Common);
        _normaliser = new TextNormaliser(
            new MojibakeRepairer(resources.Common), new PinyinAnnotationRemover(), new ScriptConverter(resources.OpenCc), new NumberFormNormaliser());
        _splitter = new ReportSplitter(resources.PageChrome);
        _regions = new RegionResolver(resources.Divisions, resources.CommonWordNames);
        _metadata = new MetadataExtractor(_regions);
        _sections = new SectionParser(resources.SectionKinds);
        var clauses = new IndicatorClauseReader(resources.Indicators, new FigureReader());
        _targets = new TargetExtractor(clauses);
        _achievements = new AchievementExtractor(clauses, resources.AchievementScope);
        _themes = new ThemeCounter(resources.Themes);
    }

    public ReportPipeline()
        : this(AnalysisResources.Default)
    {
    }

    public static InputFormat FormatOf(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return extension switch
        {
            ".html" or ".htm" or ".xhtml" => InputFormat.Html,
            ".csv" => InputFormat.Csv,
            ".jsonl" or ".ndjson" => InputFormat.Jsonl,
            _ when HtmlTextExtractor.LooksLikeHtml(text) => InputFormat.Html,
            _ => InputFormat.Text,
        };
    }

    public ParseResult Parse(SourceDocument document, ParseOptions? options = null) => Run(document, options).Result;

    /// <summary>
    /// The report moved to the region and year a user gave (a code such as 230200 or a name such as 齐齐哈尔市):
    /// the doubt flags go, <c>region-corrected</c> says why it sits where it does. Null when the region is unknown.
    /// </summary>
    public Report? Corrected(Report report, string region, int year)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(region);
        var division = _regions.Catalog.ByCode(region.Trim()) ?? _regions.Resolve(region);
        if (division is null)
        {
            return null;
        }
        string[] doubts = [QualityFlags.RegionUncertain, QualityFlags.RegionUnresolved, QualityFlags.RegionAmbiguous];
        var quality = report.Quality.Where(q => !doubts.Contains(q.Code))
            .Append(new QualityNote(QualityFlags.RegionCorrected,
                $"moved by a user from {report.Region?.Name ?? "no region"} {report.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} to {division.Name} {year}"))
            .ToList();
        return report with
        {
            Region = _regions.ToRegion(division, 1.0, "user"),
            Year = year,
            Quality = quality,
            Flags = [.. quality.Select(q => q.Code).Distinct()],
        };
    }

    /// <summary>
    /// Parses, and gives for each report the text its offsets point into, cut to the report's own span: the
    /// decoded file for text and HTML (for HTML that is the page source), the row's text for corpora. Aligned
    /// with the result's reports; the input is decoded once for both.
    /// </summary>
    public (ParseResult Result, IReadOnlyList<string> SourceTexts) ParseWithSourceTexts(SourceDocument document, ParseOptions? options = null)
    {
        var (result, decoded, rows) = Run(document, options);
        return (result, [.. result.Reports.Select(r =>
        {
            var text = rows is not null && r.Source.Row is int row ? rows.GetValueOrDefault(row, "") : decoded ?? "";
            var start = Math.Clamp(r.Source.Start, 0, text.Length);
            return text[start..Math.Clamp(r.Source.End, start, text.Length)];
        })]);
    }

    private (ParseResult Result, string? Decoded, Dictionary<int, string>? Rows) Run(SourceDocument document, ParseOptions? options)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= ParseOptions.Default;
        try
        {
            if (document.Content.Length > options.MaxBytes)
            {
                throw new InputFormatException(
                    $"the file is {document.Content.Length / 1024.0 / 1024.0:0.0} MB, over the limit of {options.MaxBytes / 1024.0 / 1024.0:0.#} MB");
            }
            var decoded = _decoder.Decode(document.Content.Span);
            if (string.IsNullOrWhiteSpace(decoded.Text))
            {
                throw new InputFormatException("the file holds only white space");
            }
            var format = FormatOf(document.Name, decoded.Text);
            if (format is InputFormat.Csv or InputFormat.Jsonl)
            {
                var corpus = format == InputFormat.Csv ? _corpus.ReadCsv(decoded.Text, options.TextColumn) : _corpus.ReadJsonl(decoded.Text, options.TextColumn);
                var result = FromCorpus(document.Name, decoded, format == InputFormat.Csv ? "csv" : "jsonl", corpus);
                return (result, decoded.Text, corpus.Rows.ToDictionary(r => r.Row, r => r.Text));
            }
            return (format == InputFormat.Html
                ? FromText(document.Name, _html.Extract(decoded.Text), decoded.Encoding, "html", ReportHints.None, null)
                : FromText(document.Name, MappedText.Identity(decoded.Text), decoded.Encoding, "text", ReportHints.None, null), decoded.Text, null);
        }
        catch (InputFormatException e)
        {
            return (new ParseResult([], [new InputError(document.Name, e.Message, e.Location)]), null, null);
        }
    }

    private ParseResult FromCorpus(string name, DecodedText decoded, string format, CorpusReadResult corpus)
    {
        var reports = new List<Report>();
        var errors = corpus.Errors.Select(e => new InputError(name, e.Message, e.Location)).ToList();
        foreach (var row in corpus.Rows)
        {
            var result = FromText(name, MappedText.Identity(row.Text), decoded.Encoding, format, row.Hints, row.Row);
            reports.AddRange(result.Reports);
            errors.AddRange(result.Errors.Select(e => e with { Location = $"row {row.Row}, line {row.Line}" }));
        }
        return new ParseResult(reports, errors);
    }

    private ParseResult FromText(string name, MappedText input, string encoding, string format, ReportHints hints, int? row)
    {
        var normalised = _normaliser.Normalise(input);
        var reports = new List<Report>();
        foreach (var segment in _splitter.Split(normalised.Text.Text))
        {
            if (ThemeCounter.CountCharacters(segment.Text) < MinReportCharacters)
            {
                continue;
            }
            reports.Add(ParseSegment(segment, normalised, new SourceSpan(name, encoding, format, 0, 0, row), hints));
        }
        if (reports.Count == 0)
        {
            return new ParseResult([], [new InputError(name, $"no report text found (fewer than {MinReportCharacters} characters besides page chrome)", row is null ? null : $"row {row}")]);
        }
        return new ParseResult(reports, []);
    }

    private Report ParseSegment(ReportSegment segment, NormalisedText normalised, SourceSpan source, ReportHints hints)
    {
        var map = normalised.Text;
        int Src(int local) => map.SourceStart(segment.Start + local);
        int SrcEnd(int local) => map.SourceEnd(segment.Start + local);

        var text = segment.Text;
        var meta = _metadata.Extract(segment, hints);
        var sections = _sections.Parse(text);
        // Five-year passages in an outlook section are told apart by their own words (到2027年, 年均), not by the section.
        bool IsReview(int pos) => sections.Any(s => s.Kind == SectionKind.Review && pos >= s.Start && pos < s.End);
        var extraction = _targets.Read(text, IsReview);
        var targets = extraction.Targets;
        var reviewSpans = sections.Where(s => s.Kind == SectionKind.Review).Select(s => (s.Start, s.End)).ToList();
        if (reviewSpans.Count == 0 && extraction.FirstPassage is int passage && sections.All(s => s.Start >= passage))
        {
            // No review heading (a report without numbered parts): the review is what comes before the year's targets.
            reviewSpans.Add((0, passage));
        }
        var achievements = _achievements.Extract(text, reviewSpans, meta.Year, extraction.Passages);
        var themes = _themes.Count(text, sections);

        var sourceStart = Src(0);
        var sourceEnd = SrcEnd(text.Length);
        var notes = new List<QualityNote>();
        notes.AddRange(normalised.Notes.Where(n => n.Start is null || (n.Start >= sourceStart && n.Start < sourceEnd)));
        if (segment.ChromeLines > 0)
        {
            notes.Add(new QualityNote(QualityFlags.PageChromeRemoved, $"{segment.ChromeLines} lines of page chrome ignored"));
        }
        notes.AddRange(meta.Notes.Select(n => n.Start is int s && n.End is int e ? n with { Start = Src(s), End = SrcEnd(e) } : n));
        if (sections.Count == 0)
        {
            notes.Add(new QualityNote(QualityFlags.NoSections, "no numbered headings found"));
        }
        foreach (var at in extraction.UnreadableTriggers)
        {
            notes.Add(new QualityNote(QualityFlags.TargetsUnreadable,
                $"the passage at offset {Src(at)} announces the year's targets but no figure could be read from it", Src(at), SrcEnd(Math.Min(text.Length, at + 40))));
        }
        if (targets.Count == 0 && extraction.UnreadableTriggers.Count == 0)
        {
            notes.Add(new QualityNote(QualityFlags.NoTargets, "no passage announcing the year's quantified targets was found"));
        }

        return new Report(
            meta.Title,
            meta.Region,
            meta.Year,
            meta.MeetingDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            meta.Speaker,
            meta.Office,
            [.. notes.Select(n => n.Code).Distinct()],
            [.. sections.Select(s => MapSection(s, Src, SrcEnd))],
            [.. targets.Select(t => t with { Start = Src(t.Start), End = SrcEnd(t.End) })],
            [.. achievements.Select(a => a with { Start = Src(a.Start), End = SrcEnd(a.End) })],
            themes,
            notes,
            source with { Start = sourceStart, End = sourceEnd },
            ThemeCounter.CountCharacters(text));
    }

    private static Section MapSection(Section s, Func<int, int> start, Func<int, int> end) =>
        s with { Start = start(s.Start), End = end(s.End), Children = [.. s.Children.Select(c => MapSection(c, start, end))] };
}
