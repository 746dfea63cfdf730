using System.Globalization;

namespace ComparisonGrid.Hosting.Storage;

/// <summary>The SQL providers keep the etag as a row version; a caller's etag that is not one matches no row.</summary>
internal static class Etag
{
    public static long Parse(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
}
