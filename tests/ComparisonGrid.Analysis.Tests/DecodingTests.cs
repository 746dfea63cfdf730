using System.Text;
using ComparisonGrid.Analysis.Decoding;

namespace ComparisonGrid.Analysis.Tests;

public sealed class DecodingTests
{
    private static readonly TextDecoder Decoder = new(AnalysisResources.Default.Common);

    [Fact]
    public void Detects_utf8_with_and_without_bom_and_utf16()
    {
        const string text = "地区生产总值增长5%左右";
        Assert.Equal(("utf-8", text), Decode(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(("utf-8-bom", text), Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]));
        Assert.Equal(("utf-16le", text), Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]));
        Assert.Equal(("utf-16le", "report 2024 GDP"), Decode(Encoding.Unicode.GetBytes("report 2024 GDP")));
    }

    [Fact]
    public void Tells_gb18030_from_big5()
    {
        Assert.Equal("gb18030", Decoder.Decode(File.ReadAllBytes(TestData.Fixture("ningxiang-2023.gb18030.txt"))).Encoding);
        var big5 = Decoder.Decode(File.ReadAllBytes(TestData.Fixture("ningxiang-2023.big5.txt")));
        Assert.Equal("big5", big5.Encoding);
        Assert.Contains("寧鄉市政府工作報告", big5.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_empty_binary_and_undecodable_input_with_a_location()
    {
        Assert.Equal("the file is empty", Assert.Throws<InputFormatException>(() => Decoder.Decode([])).Message);
        var binary = Assert.Throws<InputFormatException>(() => Decoder.Decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02, 0x7F, 0x00, 0x00, 0x10]));
        Assert.StartsWith("binary data", binary.Message, StringComparison.Ordinal);
        Assert.Equal("offset 4", binary.Location);
        // 0xFF starts no character in UTF-8, GB18030 or Big5.
        var unknown = Assert.Throws<InputFormatException>(() => Decoder.Decode([.. "abc"u8, .. Enumerable.Repeat((byte)0xFF, 64)]));
        Assert.StartsWith("unknown encoding", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("offset 3", unknown.Location);
    }

    private static (string, string) Decode(byte[] bytes)
    {
        var d = Decoder.Decode(bytes);
        return (d.Encoding, d.Text);
    }
}
