using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Grains;

/// <summary>基金 a fund pool (key: <see cref="FundPoolKey"/> string, region:scheme:fund).</summary>
public interface IFundPoolGrain : IGrainWithStringKey
{
    Task<FundPoolSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Applies postings idempotently (by journal sequence) and commits the new balance and position: income postings
    /// to the income, the others to the spending.
    /// </summary>
    Task ApplyPostingsAsync(IReadOnlyList<AppliedPosting> postings);
}
