using System.Text;

namespace ComparisonGrid.Analysis.Text;

/// <summary>
/// The characters ordinary Chinese prose is made of: GB2312's first level (the 3,755 most frequent Han
/// characters), their traditional forms, and CJK punctuation. Telling common from rare text is how the
/// decoder picks between GB18030 and Big5 and how mojibake is recognised.
/// </summary>
public sealed class CommonCharacters
{
    // A flat table: this is asked once per character of every input.
    private readonly bool[] _common = new bool[char.MaxValue + 1];

    public CommonCharacters(IEnumerable<KeyValuePair<string, string>> traditionalToSimplified)
    {
        Encodings.EnsureRegistered();
        var gb2312 = Encoding.GetEncoding("gb2312");
        var set = new HashSet<char>();
        Span<byte> pair = stackalloc byte[2];
        for (var lead = 0xB0; lead <= 0xD7; lead++)
        {
            for (var trail = 0xA1; trail <= 0xFE; trail++)
            {
                pair[0] = (byte)lead;
                pair[1] = (byte)trail;
                var s = gb2312.GetString(pair);
                if (s.Length == 1 && IsHan(s[0]))
                {
                    set.Add(s[0]);
                }
            }
        }
        foreach (var (traditional, simplified) in traditionalToSimplified)
        {
            if (traditional.Length == 1 && simplified.Length == 1 && set.Contains(simplified[0]))
            {
                set.Add(traditional[0]);
            }
        }
        foreach (var c in "，。、；：？！“”‘’（）《》〈〉【】—…·　％０１２３４５６７８９")
        {
            set.Add(c);
        }
        foreach (var c in set)
        {
            _common[c] = true;
        }
    }

    public bool IsCommon(char c) => c < 0x80 || _common[c];

    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>Share of the non-ASCII, non-space characters of <paramref name="text"/> that are rare.</summary>
    public double RareShare(ReadOnlySpan<char> text)
    {
        var counted = 0;
        var rare = 0;
        foreach (var c in text)
        {
            if (c < 0x80 || char.IsWhiteSpace(c))
            {
                continue;
            }
            counted++;
            if (!_common[c])
            {
                rare++;
            }
        }
        return counted == 0 ? 0 : (double)rare / counted;
    }
}
