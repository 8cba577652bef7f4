namespace Medisettle.Interfaces.Ledger;

/// <summary>Whether a posting records a settlement or reverses one.</summary>
[GenerateSerializer]
public enum PostingKind
{
    Settlement,

    /// <summary>冲销 reversal written by a cancel; its amount is the negated original.</summary>
    Reversal,
}
