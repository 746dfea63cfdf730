using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;

namespace ComparisonGrid.Grains.Tests;

/// <summary>Every enum that crosses the process boundary has one set of names: what JSON writes is what WireNames gives and reads.</summary>
public sealed class WireNameTests
{
    private static List<Type> Enums() =>
        [.. new[] { typeof(ComparisonKind).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsEnum && t.GetCustomAttribute<JsonConverterAttribute>() is not null)];

    public static TheoryData<Type> WireEnums() => [.. Enums()];

    [Theory]
    [MemberData(nameof(WireEnums))]
    public void Json_and_wire_names_agree_and_round_trip(Type enumType)
    {
        var check = typeof(WireNameTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(enumType);
        check.Invoke(null, null);
    }

    [Fact]
    public void The_enums_under_test_include_the_comparison_kinds()
    {
        var types = Enums();
        Assert.Contains(typeof(ComparisonKind), types);
        Assert.Equal("at_least", WireNames.Of(Model.Comparator.AtLeast));
        Assert.False(WireNames.TryParse<ComparisonKind>("Indicator", out _));
    }

    private static void Check<TEnum>() where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var json = JsonSerializer.Serialize(value, JsonConventions.Options());
            Assert.Equal($"\"{WireNames.Of(value)}\"", json);
            Assert.True(WireNames.TryParse<TEnum>(WireNames.Of(value), out var back));
            Assert.Equal(value, back);
        }
        Assert.Equal(Enum.GetValues<TEnum>().Length, WireNames.All<TEnum>().Count);
    }
}
