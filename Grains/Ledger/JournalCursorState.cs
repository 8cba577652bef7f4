namespace Medisettle.Grains.Ledger;

/// <summary>The durable position of a journal consumer.</summary>
public sealed class JournalCursorState
{
    public long Position { get; set; }

    /// <summary>
    /// The fund pool accounts postings were delivered to, in ordinal order: what <c>GET /admin/v1/funds</c> lists,
    /// without reading the journal. Bounded by regions × schemes × funds.
    /// </summary>
    public List<string> FundAccounts { get; set; } = [];

    /// <summary>
    /// Whether <see cref="FundAccounts"/> covers every posting through <see cref="Position"/>: false for a cursor stored
    /// before the list was kept, which the dispatcher then builds once from the journal.
    /// </summary>
    public bool FundAccountsIndexed { get; set; }
}
