using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis;

/// <summary>
/// One step of a parse: a report, or an input error. A report keeps a reference to the text its offsets point into
/// (the decoded file for text and HTML, the row for corpora) and cuts its own span only when asked, so that a body
/// of hundreds of reports is not copied a second time by callers that do not store source text.
/// </summary>
public sealed class ParsedItem
{
    private readonly string? _source;

    private ParsedItem(Report? report, string? source, InputError? error)
    {
        Report = report;
        _source = source;
        Error = error;
    }

    public Report? Report { get; }

    public InputError? Error { get; }

    public static ParsedItem Parsed(Report report, string source) => new(report, source, null);

    public static ParsedItem Failed(InputError error) => new(null, null, error);

    /// <summary>The report's own span of the text its offsets point into; empty for an error.</summary>
    public string SourceText()
    {
        if (Report is null || _source is null)
        {
            return "";
        }
        var start = Math.Clamp(Report.Source.Start, 0, _source.Length);
        return _source[start..Math.Clamp(Report.Source.End, start, _source.Length)];
    }
}
