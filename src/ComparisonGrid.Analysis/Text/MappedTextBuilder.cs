using System.Text;

namespace ComparisonGrid.Analysis.Text;

/// <summary>Builds a <see cref="MappedText"/> whose offsets point into the text it was derived from.</summary>
public sealed class MappedTextBuilder
{
    private readonly StringBuilder _text;
    private readonly List<int> _starts;
    private readonly List<int> _ends;
    private readonly int _sourceLength;

    public MappedTextBuilder(int sourceLength, int capacity = 0)
    {
        _sourceLength = sourceLength;
        _text = new StringBuilder(capacity);
        _starts = new List<int>(capacity);
        _ends = new List<int>(capacity);
    }

    public int Length => _text.Length;

    public char this[int index] => _text[index];

    public void Append(char c, int sourceStart, int sourceEnd)
    {
        _text.Append(c);
        _starts.Add(sourceStart);
        _ends.Add(sourceEnd);
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
        for (var i = from; i < to; i++)
        {
            _starts.Add(i);
            _ends.Add(i + 1);
        }
    }

    public MappedText Build() => new(_text.ToString(), [.. _starts], [.. _ends], _sourceLength);
}
