using System.Text;
using ComparisonGrid.Analysis.Normalisation;
using ComparisonGrid.Analysis.Text;

namespace ComparisonGrid.Analysis.Tests;

public sealed class MappedTextTests
{
    /// <summary>
    /// The plain model the run-based map must agree with: for each character its source start and end, composed
    /// character by character.
    /// </summary>
    private sealed record Reference(string Text, int[] Starts, int[] Ends, int SourceLength)
    {
        public int SourceStart(int index) => index >= Text.Length ? SourceLength : Starts[index];

        public int SourceEnd(int endExclusive) => endExclusive <= 0 || Text.Length == 0 ? SourceStart(0) : Ends[Math.Min(endExclusive, Text.Length) - 1];

        public Reference ComposeOnto(Reference previous) => new(Text,
            [.. Starts.Select(s => previous.SourceStart(s))],
            [.. Starts.Select((s, i) => Ends[i] > s ? previous.SourceEnd(Ends[i]) : previous.SourceStart(s))],
            previous.SourceLength);
    }

    /// <summary>A random pass over <paramref name="source"/>: copies, one-for-one swaps, replacements, deletions, insertions.</summary>
    private static (MappedText Mapped, Reference Reference) RandomPass(string source, Random random)
    {
        var b = new MappedTextBuilder(source.Length);
        var text = new StringBuilder();
        var starts = new List<int>();
        var ends = new List<int>();
        void Add(char c, int s, int e)
        {
            text.Append(c);
            starts.Add(s);
            ends.Add(e);
        }
        var i = 0;
        while (i < source.Length)
        {
            var n = Math.Min(source.Length - i, 1 + random.Next(6));
            switch (random.Next(5))
            {
                case 0:
                    b.AppendSource(source, i, i + n);
                    for (var k = i; k < i + n; k++)
                    {
                        Add(source[k], k, k + 1);
                    }
                    i += n;
                    break;
                case 1:
                    b.Append('x', i, i + 1);
                    Add('x', i, i + 1);
                    i++;
                    break;
                case 2:
                    var replacement = new string('r', 1 + random.Next(3));
                    b.Append(replacement, i, i + n);
                    foreach (var c in replacement)
                    {
                        Add(c, i, i + n);
                    }
                    i += n;
                    break;
                case 3:
                    i += n;
                    break;
                default:
                    b.Append('+', i, i);
                    Add('+', i, i);
                    break;
            }
        }
        var mapped = b.Build();
        Assert.Equal(text.ToString(), mapped.Text);
        return (mapped, new Reference(text.ToString(), [.. starts], [.. ends], source.Length));
    }

    [Theory]
    [InlineData(1, 400)]
    [InlineData(2, 400)]
    [InlineData(3, 400)]
    [InlineData(4, 400)]
    [InlineData(5, 400)]
    [InlineData(6, 40_000)] // the builder's appended characters span several chunks
    public void Composed_runs_give_every_offset_that_per_character_maps_give(int seed, int length)
    {
        var random = new Random(seed);
        var source = new string([.. Enumerable.Range(0, length).Select(k => (char)('a' + (k % 26)))]);
        var mapped = MappedText.Identity(source);
        var reference = new Reference(source, [.. Enumerable.Range(0, source.Length)], [.. Enumerable.Range(1, source.Length)], source.Length);
        for (var pass = 0; pass < 4; pass++)
        {
            var (next, nextReference) = RandomPass(mapped.Text, random);
            mapped = next.ComposeOnto(mapped);
            reference = nextReference.ComposeOnto(reference);
            for (var k = 0; k <= mapped.Length + 1; k++)
            {
                Assert.Equal(reference.SourceStart(k), mapped.SourceStart(k));
                Assert.Equal(reference.SourceEnd(k), mapped.SourceEnd(k));
            }
        }
    }

    [Fact]
    public void A_map_costs_a_run_per_edit_not_offsets_per_character()
    {
        // 2,000 annotated characters among 50,000: the map must grow with the annotations, not with the text.
        var text = string.Concat(Enumerable.Range(0, 2000).Select(k => "报(bào)" + new string('告', 20)));
        var normaliser = new TextNormaliser(new MojibakeRepairer(Resources.Common), new PinyinAnnotationRemover(),
            new ScriptConverter(Resources.OpenCc), new NumberFormNormaliser());
        var normalised = normaliser.Normalise(MappedText.Identity(text)).Text;
        Assert.Equal(text.Length - (2000 * "(bào)".Length), normalised.Length);
        Assert.InRange(normalised.RunCount, 2000, 2001);
        var last = normalised.Text.LastIndexOf('报');
        Assert.Equal(text.LastIndexOf('报'), normalised.SourceStart(last));
    }

    [Fact]
    public void Text_without_number_forms_to_change_is_not_copied()
    {
        var input = MappedText.Identity("地区生产总值增长5%左右，城镇新增就业1000人。");
        Assert.Same(input, new NumberFormNormaliser().Normalise(input));
        Assert.NotSame(input, new NumberFormNormaliser().Normalise(MappedText.Identity("增长5%-6%")));
    }

    private static AnalysisResources Resources => AnalysisResources.Default;
}
