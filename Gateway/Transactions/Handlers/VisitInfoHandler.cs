using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 2203 就诊信息上传: sets the visit's med_type (e.g. 14 门诊慢特病) and its disease code: <c>dise_codg</c>, else
/// the first diagnosis of <c>diseinfo</c>.
/// </summary>
public sealed class VisitInfoHandler(IGrainFactory grains) : TransactionHandler<VisitInfoInput, EmptyOutput>(TransactionContracts.OutpatientVisitInfo)
{
    /// <summary>A success is kept with the visit's msgids (<c>IVisitGrain</c>: a retry returns success and changes nothing).</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.AnsweredFromMessageId;

    protected override async ValueTask<HandlerOutcome<EmptyOutput>> ExecuteAsync(TransactionRequest<VisitInfoInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = request.Input.Mdtrtinfo;
        if (!WireCodes.TryVisitType(info.MedType, out var type, out _))
        {
            return HandlerOutcome<EmptyOutput>.Reject(Infcodes.InvalidValue, $"field 'input.mdtrtinfo.med_type': unknown code '{ClientText.Echo(info.MedType)}'");
        }

        var disease = info.DiseCodg ?? request.Input.Diseinfo.OrderBy(d => d.DiagSrtNo).FirstOrDefault()?.DiagCode;
        var outcome = await grains.GetGrain<IVisitGrain>(info.MdtrtId).UpdateAsync(
            new VisitCommand { MessageId = request.Context.Envelope.Msgid, InstitutionCode = request.Context.Institution, PersonId = info.PsnNo },
            new VisitDetails { Type = type, DiseaseCode = disease });
        return outcome.Accepted
            ? HandlerOutcome<EmptyOutput>.Ok(new EmptyOutput())
            : HandlerOutcome<EmptyOutput>.Reject(VisitRefusalMessage.For(outcome));
    }
}
