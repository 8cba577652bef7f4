using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Settlement;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 2101/2102 药店(预)结算, the card-swipe fast path: no registration, the drug lines come inline. The visit id
/// (mdtrt_id) is derived from the institution and msgid, so a retried swipe is the same visit. One grain call: the person
/// grain itself refuses an unknown person (2002) or a declared insured region not the person's.
/// </summary>
public abstract class PharmacyHandler(IGrainFactory grains, TransactionContract<PharmacySettlementInput, SettlementOutput> contract, bool commit)
    : TransactionHandler<PharmacySettlementInput, SettlementOutput>(contract)
{
    /// <summary>A settlement is its msgid's receipt in the journal, which answers every repeat; a pre-settlement reads only.</summary>
    public override RepeatEffect RepeatEffect => commit ? RepeatEffect.AnsweredFromMessageId : RepeatEffect.None;

    protected override async ValueTask<HandlerOutcome<SettlementOutput>> ExecuteAsync(TransactionRequest<PharmacySettlementInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Input.Data;
        var context = request.Context;
        if (data.MedType is { } medType && medType != "41")
        {
            return HandlerOutcome<SettlementOutput>.Reject(Infcodes.InvalidValue, $"field 'input.data.med_type': '{ClientText.Echo(medType)}' is not 41 定点药店购药");
        }

        var (lines, problem) = FeeLines.FromDrugLines(request.Input.Drugdetail);
        if (lines is null)
        {
            return HandlerOutcome<SettlementOutput>.Reject(Infcodes.InvalidValue, problem!);
        }

        var command = new SettleCommand
        {
            MessageId = context.Envelope.Msgid,
            InstitutionCode = context.Institution,
            RequestDigest = RequestDigest(request),
            UseAccount = data.AcctUsedFlag == "1",
            DeclaredRegion = PersonLookup.DeclaredRegionOf(context.Envelope),
            Visit = new Visit
            {
                VisitId = VisitIds.For(context.Institution, context.Envelope.Msgid),
                Type = VisitType.Pharmacy,
                Date = WireTime.DateOf(context.ReceivedAt),
                DeclaredTotal = WireAmount.ToMoney(data.MedfeeSumamt),
                FeeLines = lines,
            },
        };
        var person = grains.GetGrain<IPersonGrain>(data.PsnNo);
        var outcome = commit ? await person.SettleAsync(command) : await person.PreSettleAsync(command);
        return SettlementAnswerMapper.From(outcome, data.PsnNo, context.ReceivedAt);
    }
}
