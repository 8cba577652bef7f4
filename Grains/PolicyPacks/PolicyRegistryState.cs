using Medisettle.Interfaces.Administration;

namespace Medisettle.Grains.PolicyPacks;

/// <summary>What the policy registry keeps: the activated set at its version and the packs waiting for activation.</summary>
[GenerateSerializer]
public sealed class PolicyRegistryState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<StoredPolicyPack> Activated { get; set; } = [];

    [Id(2)] public List<StoredPolicyPack> Staged { get; set; } = [];
}
