using Medisettle.Gateway.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 2208/2305/2103 结算撤销: reverses the settlement exactly in the person grain (only the institution that
/// settled may; a retried msgid returns the first answer) and, for a registered visit, opens the visit again.
/// Answers the reversed split with negated amounts under the original setl_id; balc is the balance after the cancel.
/// </summary>
public abstract class SettlementCancelHandler(IGrainFactory grains, TransactionContract<SettlementCancelInput, SettlementOutput> contract, bool registeredVisit)
    : TransactionHandler<SettlementCancelInput, SettlementOutput>(contract)
{
    /// <summary>A success is the cancel's receipt in the journal, which answers every repeat of its msgid.</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.AnsweredFromMessageId;

    protected override async ValueTask<HandlerOutcome<SettlementOutput>> ExecuteAsync(TransactionRequest<SettlementCancelInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Input.Data;
        var context = request.Context;
        var check = await PersonLookup.FindAsync(grains, data.PsnNo, context.Envelope);
        if (check.Person is null)
        {
            return HandlerOutcome<SettlementOutput>.Reject(check.Infcode, check.ErrMsg!);
        }

        var outcome = await grains.GetGrain<IPersonGrain>(data.PsnNo).CancelAsync(new CancelCommand
        {
            MessageId = context.Envelope.Msgid,
            InstitutionCode = context.Institution,
            SettlementId = data.SetlId,
            RequestDigest = RequestDigest(request),
        });
        if (registeredVisit && outcome is { Status: SettlementStatus.Cancelled, Breakdown: { } breakdown })
        {
            await grains.GetGrain<IVisitGrain>(breakdown.VisitId).MarkSettlementCancelledAsync(context.Institution, data.SetlId);
        }

        var balance = outcome.Status == SettlementStatus.Cancelled
            ? (await grains.GetGrain<IPersonGrain>(data.PsnNo).GetSnapshotAsync())?.AccountBalance
            : null;
        return SettlementAnswerMapper.From(outcome, data.PsnNo, context.ReceivedAt, balance);
    }
}
