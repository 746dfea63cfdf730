namespace ComparisonGrid.Analysis.Text;

/// <summary>Sentence spans of a text: each ends after 。 ！ or !, and a line break ends one too.</summary>
public static class Sentences
{
    public static IEnumerable<(int Start, int End)> In(string text, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = from;
        for (var i = from; i < to; i++)
        {
            if (text[i] is '。' or '！' or '!' or '\n')
            {
                if (i > start)
                {
                    yield return (start, i + 1);
                }
                start = i + 1;
            }
        }
        if (to > start)
        {
            yield return (start, to);
        }
    }
}
