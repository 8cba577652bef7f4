namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// Where in the journal an institution's receivable postings (settlements and reversals) of a range of settlement
/// dates lie: every one of them has a sequence after <see cref="After"/> and at most <see cref="Through"/>.
/// <see cref="After"/> not below <see cref="Through"/>: the range has none.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ReceivableSpan(long After, long Through)
{
    public bool IsEmpty => After >= Through;
}
