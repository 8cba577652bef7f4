namespace Medisettle.Interfaces.Settlement;

/// <summary>What became of a settle, pre-settle or cancel request.</summary>
[GenerateSerializer]
public enum SettlementStatus
{
    /// <summary>Computed only (pre-settlement); nothing was committed.</summary>
    PreSettled,

    /// <summary>Committed durably: the settlement and its postings are in the journal.</summary>
    Settled,

    /// <summary>The settlement was cancelled: reversing postings committed, accumulators restored.</summary>
    Cancelled,

    /// <summary>Refused; see the rejection. Nothing changed.</summary>
    Rejected,
}
