namespace ComparisonGrid.Hosting.Storage;

/// <summary>
/// How a stored state is named: its grain type and its state name ("report.facts"), so two grain classes with a
/// state of the same name and a grain of the same key never share a row.
/// </summary>
public static class StateRows
{
    public static string TypeOf(string grainType, string stateName) => $"{grainType}.{stateName}";

    public static string TypeOf(GrainId grainId, string stateName) => TypeOf(grainId.Type.ToString()!, stateName);
}
