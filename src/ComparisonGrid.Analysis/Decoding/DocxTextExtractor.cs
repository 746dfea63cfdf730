using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>
/// The paragraphs of a Word (.docx) document in order, one a line, tables cell by cell. A paragraph styled as a
/// heading (or given an outline level) stands between blank lines, so the outline reader sees it as a heading even
/// when the document numbers it by the style and not in its text.
/// </summary>
public sealed class DocxTextExtractor
{
    public string Extract(ReadOnlyMemory<byte> content, long maxCharacters)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var main = document.MainDocumentPart;
            var body = main?.Document?.Body ?? throw new InputFormatException("the Word file has no document body");
            var headingStyles = HeadingStyles(main);
            var text = new StringBuilder();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                var line = ParagraphText(paragraph);
                if (line.Length == 0)
                {
                    continue;
                }
                var heading = IsHeading(paragraph, headingStyles);
                if (heading && text.Length > 0)
                {
                    text.Append('\n');
                }
                text.Append(line).Append('\n');
                if (heading)
                {
                    text.Append('\n');
                }
                if (text.Length > maxCharacters)
                {
                    throw new InputFormatException($"the Word file's text is over the limit of {maxCharacters:N0} characters");
                }
            }
            return text.ToString();
        }
        catch (Exception e) when (OpenXmlFaults.IsUnreadableFile(e))
        {
            throw InputFormatException.From("not a readable Word (.docx) file", e);
        }
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString().Trim();
    }

    private static HashSet<string> HeadingStyles(MainDocumentPart main)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            var name = style.StyleName?.Val?.Value ?? "";
            if (style.StyleId?.Value is { } id
                && (name.StartsWith("heading", StringComparison.OrdinalIgnoreCase) || name.StartsWith("title", StringComparison.OrdinalIgnoreCase)
                    || name.StartsWith("标题", StringComparison.Ordinal) || style.StyleParagraphProperties?.OutlineLevel is not null))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    private static bool IsHeading(Paragraph paragraph, HashSet<string> headingStyles)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val is { } level && level.Value < 9)
        {
            return true;
        }
        var style = properties?.ParagraphStyleId?.Val?.Value;
        return style is not null && (headingStyles.Contains(style) || style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase));
    }
}
