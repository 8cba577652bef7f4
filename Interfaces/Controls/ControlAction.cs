namespace Medisettle.Interfaces.Controls;

/// <summary>What a control rule's hit does to the swipe; either way a flag is recorded for review.</summary>
[GenerateSerializer]
public enum ControlAction
{
    /// <summary>The swipe is settled and flagged for review (warn_msg).</summary>
    Flag,

    /// <summary>The swipe is refused (err_msg) and the attempt flagged for review.</summary>
    Refuse,
}
