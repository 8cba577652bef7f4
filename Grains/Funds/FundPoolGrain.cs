using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Funds;

/// <summary>
/// 基金 fund pool grain. It is never on the settlement's synchronous path: the posting dispatcher delivers its
/// postings in journal order, in batches; it applies those past its position and commits balance and position
/// together, so each posting takes effect exactly once.
/// </summary>
public sealed class FundPoolGrain([PersistentState("fund")] IPersistentState<FundPoolState> state) : Grain, IFundPoolGrain
{
    private FundPoolState S => state.State;

    public Task<FundPoolSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public async Task ApplyPostingsAsync(IReadOnlyList<AppliedPosting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var applied = 0;
        foreach (var (sequence, posting) in postings)
        {
            if (sequence <= S.AppliedThroughSequence)
            {
                continue;
            }

            if (posting.Account != this.GetPrimaryKeyString())
            {
                throw new ArgumentException($"Posting {posting.PostingId} is for {posting.Account}, not {this.GetPrimaryKeyString()}.", nameof(postings));
            }

            if (posting.Kind == PostingKind.Income)
            {
                S.Income += posting.Amount;
            }
            else
            {
                S.Spending += posting.Amount;
            }

            S.AppliedThroughSequence = sequence;
            S.PostingsApplied++;
            applied++;
        }

        if (applied > 0)
        {
            await state.WriteOrReloadAsync();
        }
    }

    private FundPoolSnapshot Snapshot() => new()
    {
        Key = this.GetPrimaryKeyString(),
        Income = S.Income,
        Spending = S.Spending,
        AppliedThroughSequence = S.AppliedThroughSequence,
        PostingsApplied = S.PostingsApplied,
    };
}
