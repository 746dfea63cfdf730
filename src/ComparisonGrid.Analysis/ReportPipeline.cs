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
/// Text in, structured reports out: decode → join hard-wrapped lines → normalise → split → metadata → sections → targets and
/// achievements → themes. Pure: no I/O and no shared mutable state, so one instance parses on all cores.
/// </summary>
public sealed class ReportPipeline
{
    private const int MinReportCharacters = 50;

    private readonly TextDecoder _decoder;
    private readonly HtmlTextExtractor _html = new();
    private readonly CorpusReader _corpus = new();
    private readonly MarkdownTextExtractor _markdown = new();
    private readonly PdfTextExtractor _pdf = new();
    private readonly DocxTextExtractor _docx = new();
    private readonly XlsxTableReader _xlsx = new();
    private readonly HardWrapJoiner _hardWrap = new();
    private readonly TextNormaliser _normaliser;
    private readonly ReportSplitter _splitter;
    private readonly RegionResolver _regions;
    private readonly MetadataExtractor _metadata;
    private readonly SectionParser _sections;
    private readonly TargetExtractor _targets;
    private readonly AchievementExtractor _achievements;
    private readonly ThemeCounter _themes;
    private readonly ClauseAudit _audit;

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
        _audit = new ClauseAudit(clauses);
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
            ".md" or ".markdown" or ".mdown" => InputFormat.Markdown,
            _ when HtmlTextExtractor.LooksLikeHtml(text) => InputFormat.Html,
            _ when MarkdownTextExtractor.LooksLikeMarkdown(text) => InputFormat.Markdown,
            _ => InputFormat.Text,
        };
    }

    public ParseResult Parse(SourceDocument document, ParseOptions? options = null)
    {
        var reports = new List<Report>();
        var errors = new List<InputError>();
        foreach (var item in ParseEach(document, options))
        {
            if (item.Report is { } report)
            {
                reports.Add(report);
            }
            else
            {
                errors.Add(item.Error!);
            }
        }
        return new ParseResult(reports, errors);
    }

    /// <summary>
    /// Parses report by report, as the caller asks for them: the input is decoded and normalised once, then each
    /// report is cut, parsed and handed over before the next, so a body of hundreds of reports never holds more
    /// than one report's parse beside its text. Errors come in input order among the reports.
    /// </summary>
    public IEnumerable<ParsedItem> ParseEach(SourceDocument document, ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= ParseOptions.Default;
        try
        {
            return Items(document.Name, Prepare(document, options), options);
        }
        catch (InputFormatException e)
        {
            return [ParsedItem.Failed(new InputError(document.Name, e.Message, e.Location))];
        }
    }

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

    private PreparedInput Prepare(SourceDocument document, ParseOptions options)
    {
        if (document.Content.Length > options.MaxBytes)
        {
            throw new InputFormatException(
                $"the file is {document.Content.Length / 1024.0 / 1024.0:0.0} MB, over the limit of {options.MaxBytes / 1024.0 / 1024.0:0.#} MB");
        }
        // Text extracted from a document may be larger than its compressed file, but not without bound (a zip bomb).
        var maxCharacters = options.MaxBytes * 4;
        switch (BinaryFormats.Of(document.Name, document.Content.Span))
        {
            case InputFormat.Pdf:
                return Extracted(_pdf.Extract(document.Content, maxCharacters), "pdf");
            case InputFormat.Docx:
                return Extracted(_docx.Extract(document.Content, maxCharacters), "docx");
            case InputFormat.Xlsx:
                return new PreparedInput(new DecodedText("", "xlsx"), "xlsx", null, CorpusReader.ReadSheets(_xlsx.Read(document.Content, maxCharacters), options.TextColumn));
        }
        var decoded = _decoder.Decode(document.Content.Span);
        if (string.IsNullOrWhiteSpace(decoded.Text))
        {
            throw new InputFormatException("the file holds only white space");
        }
        var format = FormatOf(document.Name, decoded.Text);
        return format switch
        {
            InputFormat.Csv => new PreparedInput(decoded, "csv", null, _corpus.ReadCsv(decoded.Text, options.TextColumn)),
            InputFormat.Jsonl => new PreparedInput(decoded, "jsonl", null, _corpus.ReadJsonl(decoded.Text, options.TextColumn)),
            InputFormat.Html => new PreparedInput(decoded, "html", _html.Extract(decoded.Text), null),
            InputFormat.Markdown => Markdown(decoded),
            _ => new PreparedInput(decoded, "text", MappedText.Identity(decoded.Text), null),
        };
    }

    private PreparedInput Markdown(DecodedText decoded)
    {
        var markdown = _markdown.Extract(decoded.Text);
        return new PreparedInput(decoded, "markdown", markdown.Text, null, markdown.Hints);
    }

    /// <summary>The text of a PDF or Word file: what the report's offsets point into, as the text of a plain file does.</summary>
    private static PreparedInput Extracted(string text, string format)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputFormatException($"the {format.ToUpperInvariant()} file holds no text");
        }
        return new PreparedInput(new DecodedText(text, format), format, MappedText.Identity(text), null);
    }

    private IEnumerable<ParsedItem> Items(string name, PreparedInput input, ParseOptions options)
    {
        if (input.Corpus is not { } corpus)
        {
            foreach (var item in FromText(name, input.Text!, input.Decoded.Text, input.Decoded.Encoding, input.Format, input.Hints ?? ReportHints.None, null, options))
            {
                yield return item;
            }
            yield break;
        }
        foreach (var error in corpus.Errors)
        {
            yield return ParsedItem.Failed(new InputError(name, error.Message, error.Location));
        }
        foreach (var row in corpus.Rows)
        {
            foreach (var item in FromText(name, MappedText.Identity(row.Text), row.Text, input.Decoded.Encoding, input.Format, row.Hints, row.Row, options))
            {
                yield return item.Error is { } error ? ParsedItem.Failed(error with { Location = $"row {row.Row}, {row.Location}" }) : item;
            }
        }
    }

    /// <param name="source">The text the reports' offsets point into: the decoded input, or the corpus row.</param>
    private IEnumerable<ParsedItem> FromText(
        string name, MappedText input, string source, string encoding, string format, ReportHints hints, int? row, ParseOptions options)
    {
        var normalised = _normaliser.Normalise(_hardWrap.Join(input));
        var found = 0;
        foreach (var segment in _splitter.Split(normalised.Text.Text))
        {
            if (ThemeCounter.CountCharacters(segment.Text) < MinReportCharacters)
            {
                continue;
            }
            found++;
            if (segment.Text.Length > options.MaxReportCharacters)
            {
                var at = normalised.Text.SourceStart(segment.Start);
                yield return ParsedItem.Failed(new InputError(name,
                    $"a report of {segment.Text.Length:N0} characters is over the limit of {options.MaxReportCharacters:N0}: no work report comes near it, so this is several reports that could not be told apart, or not a report; split the input",
                    row is null ? $"offset {at}" : $"row {row}"));
                continue;
            }
            yield return ParsedItem.Parsed(ParseSegment(segment, normalised, new SourceSpan(name, encoding, format, 0, 0, row), hints), source);
        }
        if (found == 0)
        {
            yield return ParsedItem.Failed(new InputError(name, $"no report text found (fewer than {MinReportCharacters} characters besides page chrome)", row is null ? null : $"row {row}"));
        }
    }

    /// <summary>An input decoded and recognised: the text to parse, or the rows of a corpus.</summary>
    private sealed record PreparedInput(DecodedText Decoded, string Format, MappedText? Text, CorpusReadResult? Corpus, ReportHints? Hints = null);

    private Report ParseSegment(ReportSegment segment, NormalisedText normalised, SourceSpan source, ReportHints hints)
    {
        var map = normalised.Text;
        int Src(int local) => map.SourceStart(segment.Start + local);
        int SrcEnd(int local) => map.SourceEnd(segment.Start + local);

        var text = segment.Text;
        var meta = _metadata.Extract(segment, hints);
        var sections = _sections.Parse(text, meta.Year);
        // Five-year passages in an outlook section are told apart by their own words (到2027年, 年均), not by the section.
        bool IsReview(int pos) => sections.Any(s => s.Kind == SectionKind.Review && pos >= s.Start && pos < s.End);
        var extraction = _targets.Read(text, IsReview);
        var targets = extraction.Targets;
        var reviewSpans = sections.Where(s => s.Kind == SectionKind.Review).Select(s => (s.Start, s.End)).ToList();
        if (sections.Count > 0 && sections[0].Kind == SectionKind.Review && sections[0].Start > 0)
        {
            // The summary many reports give between 各位代表 and their first part (过去一年，全市生产总值增长6%…) opens the review.
            reviewSpans.Insert(0, (0, sections[0].Start));
        }
        if (reviewSpans.Count == 0 && extraction.FirstPassage is int passage)
        {
            // No review heading (a report without numbered parts, or whose review is not marked): the review is what
            // comes before the year's targets and before any part that plans or looks ahead.
            var end = sections.Where(s => s.Kind is SectionKind.Plan or SectionKind.Targets or SectionKind.Outlook or SectionKind.SelfBuilding)
                .Select(s => s.Start).Append(passage).Min();
            if (end > 0)
            {
                reviewSpans.Add((0, end));
            }
        }
        var mentions = new List<IndicatorMention>();
        var achievements = _achievements.Extract(text, reviewSpans, meta.Year, extraction.Passages, mentions);
        var themes = _themes.Count(text, sections);
        var unread = _audit.Unread(text, sections, extraction.Passages, mentions, targets, achievements);

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
        foreach (var (indicator, low, quote, start, end) in targets.Select(t => (t.Indicator, t.Low, t.Quote, t.Start, t.End))
                     .Concat(achievements.Select(a => (a.Indicator, a.Low, a.Quote, a.Start, a.End))))
        {
            if (CpiIndex.WasIndex(indicator, low, quote))
            {
                notes.Add(CpiIndex.Note(quote, low, Src(start), SrcEnd(end)));
            }
        }
        notes.AddRange(ClauseAudit.Notes(unread, targets.Count, achievements.Count));
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
            ThemeCounter.CountCharacters(text),
            [.. unread.Select(u => u with { Start = Src(u.Start), End = SrcEnd(u.End) })]);
    }

    private static Section MapSection(Section s, Func<int, int> start, Func<int, int> end) =>
        s with { Start = start(s.Start), End = end(s.End), Children = [.. s.Children.Select(c => MapSection(c, start, end))] };
}
