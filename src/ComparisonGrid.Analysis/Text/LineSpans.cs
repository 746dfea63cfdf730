namespace ComparisonGrid.Analysis.Text;

/// <summary>The lines of a text as spans [Start, End), the line break left out; a text ending in one ends with an empty line.</summary>
internal static class LineSpans
{
    public static List<(int Start, int End)> Of(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            lines.Add((start, i));
            start = i + 1;
        }
        lines.Add((start, text.Length));
        return lines;
    }
}
