namespace Medisettle.Runtime.Catalog;

internal enum ActivationStatus
{
    /// <summary>Created; the grain is constructed and activated by the first turn.</summary>
    Created = 0,
    Active = 1,
    Deactivating = 2,
    Deactivated = 3,
}
