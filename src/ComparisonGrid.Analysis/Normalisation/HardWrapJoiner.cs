using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Normalisation;

/// <summary>
/// Joins the lines of a text wrapped at a fixed width (a PDF converted to text, a mail or a terminal copy): there a line
/// break falls anywhere, inside a label (地区生产总\n值) or a figure (6.\n5%), and every stage reads a line break as the
/// end of a sentence. A text is taken as hard-wrapped when most of its lines share one length; each line of that length
/// that does not close a sentence runs on into the next. The removed breaks keep no offset: every character left
/// keeps its own.
/// </summary>
public sealed class HardWrapJoiner
{
    // A report of a few lines, or one with short lines only (a list), gives no width to trust.
    private const int MinLines = 20;
    private const int MinWidth = 16;

    // Lines of the width, or one or two short of it (punctuation that may not open a line moves down with a character).
    private const int Slack = 2;

    // A hard-wrapped report has most lines full; running text has lines of every length.
    private const double MinFullShare = 0.4;

    public MappedText Join(MappedText input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        var lines = Lines(text);
        var width = Width(lines);
        if (width is null)
        {
            return input;
        }
        var b = new MappedTextBuilder(text.Length);
        var joined = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var (start, end, next) = lines[i];
            b.AppendSource(text, start, end);
            var full = end - start >= width - Slack && end > start && !ClosesSentence(text[end - 1]);
            if (full && i + 1 < lines.Count && lines[i + 1].End > lines[i + 1].Start)
            {
                joined++;
                continue;
            }
            b.AppendSource(text, end, next);
        }
        return joined == 0 ? input : b.Build().ComposeOnto(input);
    }

    /// <summary>(start, end of content, start of the next line): the content excludes the line break and a \r before it.</summary>
    private static List<(int Start, int End, int Next)> Lines(string text) =>
        [.. LineSpans.Of(text).Select(l => (l.Start, l.End > l.Start && text[l.End - 1] == '\r' ? l.End - 1 : l.End, Math.Min(l.End + 1, text.Length)))];

    private static int? Width(List<(int Start, int End, int Next)> lines)
    {
        var lengths = lines.Select(l => l.End - l.Start).Where(n => n > 0).ToList();
        if (lengths.Count < MinLines)
        {
            return null;
        }
        var mode = lengths.Where(n => n >= MinWidth).GroupBy(n => n).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).FirstOrDefault()?.Key;
        if (mode is not int width)
        {
            return null;
        }
        var full = lengths.Count(n => n >= width - Slack && n <= width);
        return full >= lengths.Count * MinFullShare ? width : null;
    }

    private static bool ClosesSentence(char c) => c is '。' or '！' or '？' or '；' or '：' or '!' or '?' or ';' or ':' or '”';
}
