namespace ComparisonGrid.Grains;

/// <summary>The grain storage provider every persistent state names: SQLite embedded, PostgreSQL in a cluster.</summary>
public static class GridStorage
{
    public const string Name = "grains";
}
