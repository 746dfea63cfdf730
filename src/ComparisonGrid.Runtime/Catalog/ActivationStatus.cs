namespace ComparisonGrid.Runtime.Catalog;

internal enum ActivationStatus
{
    Active,
    Deactivating,
    Deactivated,
}
