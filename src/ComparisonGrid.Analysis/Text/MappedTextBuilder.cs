using System.Text;

namespace ComparisonGrid.Analysis.Text;

/// <summary>Builds a <see cref="MappedText"/> whose offsets point into the text it was derived from.</summary>
/// <remarks>
/// Source characters are not copied until <see cref="Build"/>, which writes every piece once into the final string:
/// a repair of a few spans in a text of tens of megabytes costs the result, not a buffer of the whole text beside it.
/// Characters appended one by one collect in a builder of small chunks, which never reach the large object heap.
/// </remarks>
public sealed class MappedTextBuilder
{
    private readonly StringBuilder _appended = new();
    private readonly List<Piece> _pieces = [];
    private readonly OffsetRuns _runs = new();
    private readonly int _sourceLength;
    private readonly int _origin;

    /// <param name="origin">
    /// Where the source counts from in the strings appended from: a part of a longer text maps into the part, not the whole.
    /// </param>
    public MappedTextBuilder(int sourceLength, int origin = 0)
    {
        _sourceLength = sourceLength;
        _origin = origin;
    }

    public int Length => _runs.Length;

    /// <summary>The last character appended; '\0' while empty.</summary>
    public char Last { get; private set; }

    public void Append(char c, int sourceStart, int sourceEnd)
    {
        if (_pieces.Count > 0 && _pieces[^1].Source is null)
        {
            _pieces[^1] = _pieces[^1] with { Length = _pieces[^1].Length + 1 };
        }
        else
        {
            _pieces.Add(new Piece(null, _appended.Length, 1));
        }
        _appended.Append(c);
        _runs.Span(sourceStart - _origin, sourceEnd - _origin, 1);
        Last = c;
    }

    /// <summary>Appends <paramref name="s"/> as the replacement of the source span [start, end).</summary>
    public void Append(string s, int sourceStart, int sourceEnd)
    {
        foreach (var c in s)
        {
            Append(c, sourceStart, sourceEnd);
        }
    }

    /// <summary>Takes source characters [from, to) unchanged.</summary>
    public void AppendSource(string source, int from, int to)
    {
        if (to <= from)
        {
            return;
        }
        _pieces.Add(new Piece(source, from, to - from));
        _runs.Copy(from - _origin, to - from);
        Last = source[to - 1];
    }

    public MappedText Build()
    {
        var text = string.Create(Length, this, static (span, builder) =>
        {
            // Appended pieces are in the order of the appended characters, so the chunks are walked once.
            var chunks = builder._appended.GetChunks();
            var chunk = ReadOnlyMemory<char>.Empty;
            foreach (var piece in builder._pieces)
            {
                if (piece.Source is not null)
                {
                    piece.Source.AsSpan(piece.From, piece.Length).CopyTo(span);
                    span = span[piece.Length..];
                    continue;
                }
                for (var left = piece.Length; left > 0;)
                {
                    while (chunk.IsEmpty)
                    {
                        chunk = chunks.MoveNext() ? chunks.Current : throw new InvalidOperationException("The pieces name more appended characters than were appended.");
                    }
                    var take = Math.Min(left, chunk.Length);
                    chunk.Span[..take].CopyTo(span);
                    chunk = chunk[take..];
                    span = span[take..];
                    left -= take;
                }
            }
        });
        return new MappedText(text, _runs.Build(), _sourceLength);
    }

    /// <summary>Characters [From, From + Length) of <see cref="Source"/>, or of the appended characters when it is null.</summary>
    private readonly record struct Piece(string? Source, int From, int Length);
}
