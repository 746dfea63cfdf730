using System.Security.Cryptography;
using System.Text;
using ComparisonGrid.Core;

namespace ComparisonGrid.Runtime.Tests;

public sealed class Utf8Sha256Tests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024 - 1)]
    [InlineData(16 * 1024)]
    [InlineData(50_000)]
    public void Hashing_in_slices_gives_the_hash_of_the_whole_utf8(int length)
    {
        // Han, ASCII and a surrogate pair (𠀀) so that some pair straddles a slice boundary.
        var text = string.Concat(Enumerable.Repeat("报告5%𠀀a", (length / 6) + 1))[..length];
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(text)), Utf8Sha256.Of(text));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), Utf8Sha256.Hex(text));
    }

    [Fact]
    public void A_surrogate_pair_cut_by_the_slice_boundary_is_encoded_whole()
    {
        var text = new string('报', (16 * 1024) - 1) + "𠀀a";
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(text)), Utf8Sha256.Of(text));
    }
}
