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
}
