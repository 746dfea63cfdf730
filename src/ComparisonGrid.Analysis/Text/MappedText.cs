namespace ComparisonGrid.Analysis.Text;

/// <summary>
/// Text together with, for each of its characters, the span of the original input it came from,
/// so that anything found after conversions can still cite its position in the input as given.
/// </summary>
public sealed class MappedText
{
    // Null for an identity mapping: most passes change nothing, and two offset arrays per character
    // per pass cost more than the passes themselves.
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    internal MappedText(string text, int[]? starts, int[]? ends, int sourceLength)
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
        ArgumentNullException.ThrowIfNull(text);
        return new MappedText(text, null, null, text.Length);
    }

    /// <summary>Source offset where the character at <paramref name="index"/> begins (index may be Length).</summary>
    public int SourceStart(int index) => index >= Text.Length ? SourceLength : _starts is null ? index : _starts[index];

    /// <summary>Source offset just past a fragment ending (exclusively) at <paramref name="endExclusive"/>.</summary>
    public int SourceEnd(int endExclusive)
    {
        if (endExclusive <= 0 || Text.Length == 0)
        {
            return SourceStart(0);
        }
        var last = Math.Min(endExclusive, Text.Length) - 1;
        return _ends is null ? last + 1 : _ends[last];
    }

    /// <summary>
    /// Expresses this text's offsets, which point into <paramref name="previous"/>.Text, directly in
    /// the offsets of <paramref name="previous"/>'s own source.
    /// </summary>
    public MappedText ComposeOnto(MappedText previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (_starts is null || _ends is null)
        {
            return previous.WithSameLengthText(Text);
        }
        if (previous._starts is null)
        {
            return new MappedText(Text, _starts, _ends, previous.SourceLength);
        }
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
