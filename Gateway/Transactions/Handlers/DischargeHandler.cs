using Medisettle.Gateway.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2402 出院办理: records the discharge date (the settlement date of the stay) and the discharge diagnosis.</summary>
public sealed class DischargeHandler(IGrainFactory grains) : TransactionHandler<DischargeInput, EmptyOutput>(TransactionContracts.Discharge)
{
    protected override async ValueTask<TransactionOutcome<EmptyOutput>> ExecuteAsync(TransactionRequest<DischargeInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = request.Input.Dscginfo;
        var disease = info.DiseCodg ?? request.Input.Diseinfo.OrderBy(d => d.DiagSrtNo).FirstOrDefault()?.DiagCode;
        var outcome = await grains.GetGrain<IVisitGrain>(info.MdtrtId).UpdateAsync(
            new VisitCommand { MessageId = request.Context.Envelope.Msgid, InstitutionCode = request.Context.Institution, PersonId = info.PsnNo },
            new VisitDetails { DischargeDate = Parties.DateOf(info.Endtime), DiseaseCode = disease });
        return outcome.Accepted
            ? TransactionOutcome<EmptyOutput>.Ok(new EmptyOutput())
            : TransactionOutcome<EmptyOutput>.Reject(Parties.Describe(outcome));
    }
}
