using Medisettle.Gateway.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 2205/2302 费用明细撤销: withdraws the line whose feedetl_sn is given, else every line of the batch
/// (chrg_bchno) with that number; "0000" withdraws all lines. Only while the visit is not settled.
/// </summary>
public abstract class FeeCancelHandler(IGrainFactory grains, TransactionContract<FeeDetailCancelInput, EmptyOutput> contract)
    : TransactionHandler<FeeDetailCancelInput, EmptyOutput>(contract)
{
    /// <summary>A success is kept with the visit's msgids (<c>IVisitGrain</c>: a retry returns success and changes nothing).</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.AnsweredFromMessageId;

    protected override async ValueTask<HandlerOutcome<EmptyOutput>> ExecuteAsync(TransactionRequest<FeeDetailCancelInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Input.Data;
        var outcome = await grains.GetGrain<IVisitGrain>(data.MdtrtId).RemoveFeeLinesAsync(
            new VisitCommand { MessageId = request.Context.Envelope.Msgid, InstitutionCode = request.Context.Institution, PersonId = data.PsnNo },
            data.FeedetlSn);
        return outcome.Accepted
            ? HandlerOutcome<EmptyOutput>.Ok(new EmptyOutput())
            : HandlerOutcome<EmptyOutput>.Reject(VisitRefusalMessage.For(outcome));
    }
}
