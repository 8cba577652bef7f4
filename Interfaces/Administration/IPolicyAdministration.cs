namespace Medisettle.Interfaces.Administration;

/// <summary>Loads, activates and lists policy packs (政策包) at run time.</summary>
public interface IPolicyAdministration
{
    /// <summary>Packs in force and packs loaded but not yet active.</summary>
    IReadOnlyList<PolicyPackInfo> List();

    /// <summary>Parses and validates a pack and keeps it for activation; an invalid pack is refused with the field and value named.</summary>
    PolicyPackChange Load(string json, string sourceName);

    /// <summary>Puts a loaded pack in force for the next settlement (replacing the pack with the same id); refuses overlaps.</summary>
    PolicyPackChange Activate(string packId);
}
