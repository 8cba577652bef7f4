namespace Medisettle.Runtime.Catalog;

internal enum EnqueueResult
{
    Enqueued = 0,

    /// <summary>The mailbox is full.</summary>
    Overloaded = 1,

    /// <summary>The activation is going away; wait for <see cref="ActivationData.Deactivated"/> and look it up again.</summary>
    Deactivating = 2,
}
