using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The one journal consumer that delivers postings to fund pool and institution grains (key <c>"postings"</c>).
/// Kept alive by its own timer once started; <see cref="DrainAsync"/> delivers everything committed so far.
/// </summary>
public interface IPostingDispatcherGrain : IGrainWithStringKey
{
    /// <summary>Starts the background delivery timer (idempotent; a no-op when background dispatch is off).</summary>
    Task StartAsync();

    /// <summary>Delivers every posting committed so far; returns the journal sequence now delivered.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<long> DrainAsync();

    /// <summary>The journal sequence up to which postings have been delivered.</summary>
    Task<long> GetPositionAsync();

    /// <summary>The fund pool accounts postings were delivered to, in ordinal order (no journal read).</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<IReadOnlyList<string>> ListFundAccountsAsync();

    /// <summary>The dispatcher's position against the journal's head, read now.</summary>
    Task<JournalLag> GetLagAsync();
}
