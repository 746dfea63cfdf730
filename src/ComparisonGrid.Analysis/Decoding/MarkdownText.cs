using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>A Markdown report's text, mapped into the file, and what its front matter says of it.</summary>
public sealed record MarkdownText(MappedText Text, ReportHints Hints);
