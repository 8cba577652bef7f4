using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Settlement;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 2401 入院办理: opens an inpatient stay (med_type 21/24 inpatient, 23 transferred in, 22 accident); the
/// admission date decides pack and benefit year. The disease code is the main diagnosis (dscg_maindiag_code).
/// </summary>
public sealed class AdmissionHandler(IGrainFactory grains) : TransactionHandler<AdmissionInput, AdmissionOutput>(TransactionContracts.Admission)
{
    /// <summary>A success is kept with the visit's msgids (<c>IVisitGrain</c>: a retry returns success and changes nothing).</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.AnsweredFromMessageId;

    protected override async ValueTask<HandlerOutcome<AdmissionOutput>> ExecuteAsync(TransactionRequest<AdmissionInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = request.Input.Mdtrtinfo;
        if (!WireCodes.TryVisitType(info.MedType, out var type, out var transfer) || type is not (VisitType.Inpatient or VisitType.Accident))
        {
            return HandlerOutcome<AdmissionOutput>.Reject(
                Infcodes.InvalidValue, $"field 'input.mdtrtinfo.med_type': '{ClientText.Echo(info.MedType)}' is not an inpatient med_type (21, 22, 23, 24)");
        }

        var check = await PersonLookup.FindAsync(grains, info.PsnNo, request.Context.Envelope);
        if (check.Person is null)
        {
            return HandlerOutcome<AdmissionOutput>.Reject(check.Infcode, check.ErrMsg!);
        }
        var visitId = VisitIds.For(request.Context.Institution, request.Context.Envelope.Msgid);
        var outcome = await grains.GetGrain<IVisitGrain>(visitId).OpenAsync(new VisitOpening
        {
            MessageId = request.Context.Envelope.Msgid,
            InstitutionCode = request.Context.Institution,
            PersonId = info.PsnNo,
            Type = type.Value,
            BeginDate = WireTime.DateOf(info.Begntime),
            IsTransfer = transfer,
            DiseaseCode = string.IsNullOrEmpty(info.DscgMaindiagCode) ? null : info.DscgMaindiagCode,
            InstitutionVisitNo = info.IptNo,
        });
        return outcome.Visit is { } visit
            ? HandlerOutcome<AdmissionOutput>.Ok(new AdmissionOutput
            {
                Result = new VisitRegistration { MdtrtId = visit.VisitId, PsnNo = visit.PersonId, IptOtpNo = visit.InstitutionVisitNo },
            })
            : HandlerOutcome<AdmissionOutput>.Reject(VisitRefusalMessage.For(outcome));
    }
}
