using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Grains;

/// <summary>基金 a fund pool (key: <see cref="FundPoolKey"/> string, region:scheme:fund).</summary>
public interface IFundPoolGrain : IGrainWithStringKey
{
    Task<FundPoolSnapshot> GetSnapshotAsync();

    /// <summary>Credits income (premiums, subsidies); must be positive.</summary>
    Task<FundPoolSnapshot> CreditIncomeAsync(Money amount, string reference);

    /// <summary>Applies postings idempotently (by journal sequence) and commits the new balance and position.</summary>
    Task ApplyPostingsAsync(IReadOnlyList<AppliedPosting> postings);
}
