using System.Text;

namespace ComparisonGrid.Analysis.Text;

/// <summary>Builds a <see cref="MappedText"/> whose offsets point into the text it was derived from.</summary>
public sealed class MappedTextBuilder
{
    private readonly StringBuilder _text;
    private readonly OffsetRuns _runs;
    private readonly int _sourceLength;

    public MappedTextBuilder(int sourceLength, int capacity = 0)
    {
        _sourceLength = sourceLength;
        _text = new StringBuilder(capacity);
        _runs = new OffsetRuns();
    }

    public int Length => _text.Length;

    public char this[int index] => _text[index];

    public void Append(char c, int sourceStart, int sourceEnd)
    {
        _text.Append(c);
        _runs.Span(sourceStart, sourceEnd, 1);
    }

    /// <summary>Appends <paramref name="s"/> as the replacement of the source span [start, end).</summary>
    public void Append(string s, int sourceStart, int sourceEnd)
    {
        foreach (var c in s)
        {
            Append(c, sourceStart, sourceEnd);
        }
    }

    /// <summary>Copies source characters [from, to) unchanged.</summary>
    public void AppendSource(string source, int from, int to)
    {
        _text.Append(source, from, to - from);
        _runs.Copy(from, to - from);
    }

    public MappedText Build() => new(_text.ToString(), _runs.Build(), _sourceLength);
}
