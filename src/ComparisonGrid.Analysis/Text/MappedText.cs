namespace ComparisonGrid.Analysis.Text;

/// <summary>
/// Text together with, for each of its characters, the span of the original input it came from,
/// so that anything found after conversions can still cite its position in the input as given.
/// </summary>
public sealed class MappedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    internal MappedText(string text, int[] starts, int[] ends, int sourceLength)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
        SourceLength = sourceLength;
    }

    public string Text { get; }

    public int SourceLength { get; }

    public int Length => Text.Length;

    public static MappedText Identity(string text)
    {
        var starts = new int[text.Length];
        var ends = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            starts[i] = i;
            ends[i] = i + 1;
        }
        return new MappedText(text, starts, ends, text.Length);
    }

    /// <summary>Source offset where the character at <paramref name="index"/> begins (index may be Length).</summary>
    public int SourceStart(int index) => index >= _starts.Length ? SourceLength : _starts[index];

    /// <summary>Source offset just past a fragment ending (exclusively) at <paramref name="endExclusive"/>.</summary>
    public int SourceEnd(int endExclusive) => endExclusive <= 0 ? SourceStart(0) : _ends[Math.Min(endExclusive, _ends.Length) - 1];

    /// <summary>
    /// Expresses this text's offsets, which point into <paramref name="previous"/>.Text, directly in
    /// the offsets of <paramref name="previous"/>'s own source.
    /// </summary>
    public MappedText ComposeOnto(MappedText previous)
    {
        var starts = new int[_starts.Length];
        var ends = new int[_ends.Length];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = previous.SourceStart(_starts[i]);
            ends[i] = _ends[i] > _starts[i] ? previous.SourceEnd(_ends[i]) : starts[i];
        }
        return new MappedText(Text, starts, ends, previous.SourceLength);
    }

    /// <summary>The same mapping with characters replaced one for one (the length must not change).</summary>
    public MappedText WithSameLengthText(string text)
    {
        if (text.Length != Text.Length)
        {
            throw new ArgumentException("A one-for-one replacement must keep the length.", nameof(text));
        }
        return new MappedText(text, _starts, _ends, SourceLength);
    }
}
