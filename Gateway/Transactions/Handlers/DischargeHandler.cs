using Medisettle.Gateway.Settlement;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2402 出院办理: records the discharge date (the settlement date of the stay) and the discharge diagnosis.</summary>
public sealed class DischargeHandler(IGrainFactory grains) : TransactionHandler<DischargeInput, EmptyOutput>(TransactionContracts.Discharge)
{
    /// <summary>A success is kept with the visit's msgids (<c>IVisitGrain</c>: a retry returns success and changes nothing).</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.AnsweredFromMessageId;

    protected override async ValueTask<HandlerOutcome<EmptyOutput>> ExecuteAsync(TransactionRequest<DischargeInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = request.Input.Dscginfo;
        var disease = info.DiseCodg ?? request.Input.Diseinfo.OrderBy(d => d.DiagSrtNo).FirstOrDefault()?.DiagCode;
        var outcome = await grains.GetGrain<IVisitGrain>(info.MdtrtId).UpdateAsync(
            new VisitCommand { MessageId = request.Context.Envelope.Msgid, InstitutionCode = request.Context.Institution, PersonId = info.PsnNo },
            new VisitDetails { DischargeDate = WireTime.DateOf(info.Endtime), DiseaseCode = disease });
        return outcome.Accepted
            ? HandlerOutcome<EmptyOutput>.Ok(new EmptyOutput())
            : HandlerOutcome<EmptyOutput>.Reject(VisitRefusalMessage.For(outcome));
    }
}
