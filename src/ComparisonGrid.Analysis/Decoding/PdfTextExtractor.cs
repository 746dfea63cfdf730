using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace ComparisonGrid.Analysis.Decoding;

/// <summary>
/// The text layer of a PDF in reading order: letters grouped into lines by baseline, lines that run to the right
/// margin joined to the next (a sentence wrapped by the layout, not a paragraph's end), running headers, footers and
/// page numbers dropped. The offsets of the parse point into this text, which is what a report from a PDF stores.
/// </summary>
public sealed partial class PdfTextExtractor
{
    // A scanned report has images and at most a few stray letters (a stamp, a page number); no text worth parsing.
    private const int MinLetters = 50;

    [GeneratedRegex(@"^[\s\-—–－·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－·•]*$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    public string Extract(ReadOnlyMemory<byte> content, long maxCharacters)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw InputFormatException.From("not a readable PDF", e);
        }
        using (document)
        {
            var pages = new List<List<PdfLine>>();
            var letters = 0L;
            try
            {
                foreach (var page in document.GetPages())
                {
                    var lines = Lines(page);
                    letters += lines.Sum(l => l.Text.Length);
                    if (letters > maxCharacters)
                    {
                        throw new InputFormatException($"the PDF's text is over the limit of {maxCharacters:N0} characters");
                    }
                    pages.Add(lines);
                }
            }
            catch (Exception e) when (e is not (OutOfMemoryException or InputFormatException))
            {
                throw InputFormatException.From("a page of the PDF could not be read", e, $"page {pages.Count + 1}");
            }
            if (pages.Sum(p => p.Sum(l => l.Text.Count(c => !char.IsWhiteSpace(c)))) < MinLetters)
            {
                throw new InputFormatException(
                    $"the PDF has no text layer ({pages.Count} page{(pages.Count == 1 ? "" : "s")} of images, as a scan has): run OCR on it and ingest the text");
            }
            DropChrome(pages);
            // The radicals a CJK font's glyph map gives for shared glyphs are ideographs to every later stage, the
            // mojibake and script surveys among them, so they are mapped before those see the text.
            var text = Join(pages).ToCharArray();
            Normalisation.RadicalForms.NormaliseInPlace(text);
            return new string(text);
        }
    }

    /// <summary>A line of a page: its text, its left and right edges and its letters' size.</summary>
    private sealed record PdfLine(string Text, double Left, double Right, double Size);

    private static List<PdfLine> Lines(Page page)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrEmpty(l.Value)).ToList();
        // Top to bottom, then left to right; a letter within a third of its size of a line's baseline is on it.
        letters.Sort((a, b) => b.StartBaseLine.Y.CompareTo(a.StartBaseLine.Y));
        var rows = new List<List<Letter>>();
        foreach (var letter in letters)
        {
            var size = Size(letter);
            var row = rows.Count > 0 && Math.Abs(rows[^1][0].StartBaseLine.Y - letter.StartBaseLine.Y) <= size / 3 ? rows[^1] : null;
            if (row is null)
            {
                rows.Add(row = []);
            }
            row.Add(letter);
        }
        var lines = new List<PdfLine>(rows.Count);
        foreach (var row in rows)
        {
            row.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
            var text = new StringBuilder();
            Letter? previous = null;
            foreach (var letter in row)
            {
                if (previous is not null && letter.StartBaseLine.X - previous.EndBaseLine.X > Size(letter) * 0.25
                    && text.Length > 0 && text[^1] != ' ' && letter.Value != " ")
                {
                    text.Append(' ');
                }
                text.Append(letter.Value);
                previous = letter;
            }
            var line = text.ToString().Trim();
            if (line.Length > 0)
            {
                lines.Add(new PdfLine(line, row[0].StartBaseLine.X, row.Max(l => l.EndBaseLine.X), row.Average(Size)));
            }
        }
        return lines;
    }

    private static double Size(Letter l) => l.PointSize > 0 ? l.PointSize : Math.Max(1, l.BoundingBox.Height);

    /// <summary>
    /// Page numbers, and the first or last line of a page when the same line (its digits aside) opens or closes most
    /// pages: a running header such as the report's title, or a footer with the portal's name.
    /// </summary>
    private static void DropChrome(List<List<PdfLine>> pages)
    {
        static string Shape(string s) => Digits().Replace(s, "#");
        var heads = pages.Where(p => p.Count > 1).GroupBy(p => Shape(p[0].Text)).ToDictionary(g => g.Key, g => g.Count());
        var feet = pages.Where(p => p.Count > 1).GroupBy(p => Shape(p[^1].Text)).ToDictionary(g => g.Key, g => g.Count());
        var running = Math.Max(3, pages.Count / 2);
        foreach (var page in pages)
        {
            for (var edge = 0; edge < 2 && page.Count > 0; edge++)
            {
                if (PageNumber().IsMatch(page[^1].Text) || (page.Count > 1 && feet.GetValueOrDefault(Shape(page[^1].Text)) >= running))
                {
                    page.RemoveAt(page.Count - 1);
                }
                if (page.Count > 0 && (PageNumber().IsMatch(page[0].Text) || (page.Count > 1 && heads.GetValueOrDefault(Shape(page[0].Text)) >= running)))
                {
                    page.RemoveAt(0);
                }
            }
        }
    }

    /// <summary>
    /// Lines in order; a line that reaches the right margin continues on the next one (across a page break too), so
    /// no line break is put between them, unless the next line is indented as a paragraph's first line is. A line may
    /// stop well short of the margin and still wrap: punctuation may not open a line, and a figure such as 5.84% is
    /// not split, so what does not fit moves down whole. A line that closes a sentence ends its paragraph.
    /// </summary>
    private static string Join(List<List<PdfLine>> pages)
    {
        var text = new StringBuilder();
        var wrapped = false;
        foreach (var page in pages)
        {
            if (page.Count == 0)
            {
                continue;
            }
            var margin = page.Max(l => l.Right);
            var left = page.Min(l => l.Left);
            foreach (var line in page)
            {
                if (text.Length > 0)
                {
                    var indented = line.Left > left + line.Size;
                    if (!wrapped || indented)
                    {
                        text.Append('\n');
                    }
                    else if (IsAsciiWord(text[^1]) && IsAsciiWord(line.Text[0]))
                    {
                        text.Append(' ');
                    }
                }
                text.Append(line.Text);
                wrapped = line.Right >= margin - line.Size * WrapSlack && !EndsSentence(line.Text[^1]);
            }
        }
        return text.Append('\n').ToString();
    }

    private static bool IsAsciiWord(char c) => char.IsAsciiLetterOrDigit(c);

    // How far short of the margin, in characters, a wrapped line may stop: a long figure with its unit moves down whole.
    private const double WrapSlack = 8;

    private static bool EndsSentence(char c) => c is '。' or '！' or '？' or '；' or '：' or '!' or '?' or ';' or ':';
}
