using Microsoft.Playwright;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>Debian's chromium, headless, as every browser test drives it (never a downloaded browser).</summary>
internal static class Browsers
{
    public const string Chromium = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Chromium), $"the browser test needs Debian's chromium at {Chromium} (./test.sh installs it)");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// Collects what went wrong in a page: uncaught errors, and anything the content security policy blocked (a
    /// console error in Chromium), so a test fails when the dashboard does not pass the gateway's policy.
    /// </summary>
    public static List<string> CollectErrors(IPage page, List<string>? into = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var errors = into ?? [];
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                errors.Add(m.Text);
            }
        };
        return errors;
    }
}
