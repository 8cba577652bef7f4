using Medisettle.Gateway.Settlement;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2201 门诊挂号: opens an outpatient visit (ordinary outpatient until 2203 says otherwise) and answers its mdtrt_id.</summary>
public sealed class OutpatientRegisterHandler(IGrainFactory grains)
    : TransactionHandler<OutpatientRegisterInput, OutpatientRegisterOutput>(TransactionContracts.OutpatientRegister)
{
    /// <summary>A success is kept with the visit's msgids (<c>IVisitGrain</c>: a retry returns success and changes nothing).</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.AnsweredFromMessageId;

    protected override async ValueTask<HandlerOutcome<OutpatientRegisterOutput>> ExecuteAsync(
        TransactionRequest<OutpatientRegisterInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Input.Data;
        var check = await PersonLookup.FindAsync(grains, data.PsnNo, request.Context.Envelope);
        if (check.Person is null)
        {
            return HandlerOutcome<OutpatientRegisterOutput>.Reject(check.Infcode, check.ErrMsg!);
        }
        var visitId = VisitIds.For(request.Context.Institution, request.Context.Envelope.Msgid);
        var outcome = await grains.GetGrain<IVisitGrain>(visitId).OpenAsync(new VisitOpening
        {
            MessageId = request.Context.Envelope.Msgid,
            InstitutionCode = request.Context.Institution,
            PersonId = data.PsnNo,
            Type = VisitType.Outpatient,
            BeginDate = WireTime.DateOf(data.Begntime),
            InstitutionVisitNo = data.IptOtpNo,
        });
        return outcome.Visit is { } visit
            ? HandlerOutcome<OutpatientRegisterOutput>.Ok(new OutpatientRegisterOutput
            {
                Data = new VisitRegistration { MdtrtId = visit.VisitId, PsnNo = visit.PersonId, IptOtpNo = visit.InstitutionVisitNo },
            })
            : HandlerOutcome<OutpatientRegisterOutput>.Reject(VisitRefusalMessage.For(outcome));
    }
}
