using Medisettle.Gateway.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2202 门诊挂号撤销: cancels an open, unsettled outpatient visit.</summary>
public sealed class OutpatientRegisterCancelHandler(IGrainFactory grains)
    : TransactionHandler<OutpatientRegisterCancelInput, EmptyOutput>(TransactionContracts.OutpatientRegisterCancel)
{
    /// <summary>A success is kept with the visit's msgids (<c>IVisitGrain</c>: a retry returns success and changes nothing).</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.AnsweredFromMessageId;

    protected override async ValueTask<HandlerOutcome<EmptyOutput>> ExecuteAsync(
        TransactionRequest<OutpatientRegisterCancelInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Input.Data;
        var outcome = await grains.GetGrain<IVisitGrain>(data.MdtrtId).CancelAsync(new VisitCommand
        {
            MessageId = request.Context.Envelope.Msgid,
            InstitutionCode = request.Context.Institution,
            PersonId = data.PsnNo,
        });
        return outcome.Accepted
            ? HandlerOutcome<EmptyOutput>.Ok(new EmptyOutput())
            : HandlerOutcome<EmptyOutput>.Reject(VisitRefusalMessage.For(outcome));
    }
}
