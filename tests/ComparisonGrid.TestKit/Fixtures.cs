namespace ComparisonGrid.TestKit;

/// <summary>Files a test project copies beside its build (its Fixtures/ folder).</summary>
public static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
