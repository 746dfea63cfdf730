using System.Text;

namespace ComparisonGrid.Analysis.Text;

internal static class Encodings
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        // GB18030, GBK and Big5 live in the code-pages provider, which .NET Core does not register by default.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;

    public static Encoding Gbk
    {
        get
        {
            EnsureRegistered();
            return Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD"));
        }
    }
}
