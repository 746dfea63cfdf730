using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>A region as comparisons show it: name, code, level and province (name and code).</summary>
[GenerateSerializer, Immutable, Alias("cg.RegionRef")]
public sealed record RegionRef(string Name, string Code, RegionLevel Level, string? Province, string? ProvinceCode, string? ParentCode)
{
    public static RegionRef From(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var provinceCode = region.Level == RegionLevel.National || region.Code.Length != 6 ? null : region.Code[..2] + "0000";
        return new RegionRef(region.Name, region.Code, region.Level, region.Province, provinceCode, region.ParentCode);
    }
}
