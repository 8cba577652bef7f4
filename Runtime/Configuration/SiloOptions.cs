using System.Text.Json;

namespace Medisettle.Runtime.Configuration;

/// <summary>Options of the silo; validated when the host starts.</summary>
public sealed class SiloOptions
{
    /// <summary>Number of partitions P of the key space (fixed per cluster). Default 1,024.</summary>
    public int PartitionCount { get; set; } = 1024;

    /// <summary>An activation idle this long is collected (Orleans: collection age). Default 10 minutes.</summary>
    public TimeSpan ActivationIdleAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the collector looks for idle activations. Default 1 minute.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Bound of the catalog; when full, the least recently used idle activation is evicted. Default 100,000.</summary>
    public int ActivationCountMax { get; set; } = 100_000;

    /// <summary>Calls queued per activation beyond the running one; more is <see cref="GrainOverloadedException"/>. Default 1,000.</summary>
    public int MailboxCapacityMax { get; set; } = 1000;

    /// <summary>A call not answered within this time fails with <see cref="TimeoutException"/>; <see cref="Timeout.InfiniteTimeSpan"/> disables it. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound for one <see cref="Grain.OnDeactivateAsync"/> during shutdown or collection. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Serializer options for grain state; plug a source-generated <c>TypeInfoResolver</c> in here. Default: web defaults.</summary>
    public JsonSerializerOptions StateSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);
}
