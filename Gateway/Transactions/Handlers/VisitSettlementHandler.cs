using System.Globalization;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Settlement;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 2206/2207 and 2303/2304 (pre-)settlement of a registered visit: every uploaded fee line of the visit, which
/// must add up to medfee_sumamt. Settlement commits in the person grain (a retried msgid returns the first
/// answer), then marks the visit settled. The settlement date is the discharge date of an inpatient stay, else
/// the day the request is received.
/// </summary>
public abstract class VisitSettlementHandler(IGrainFactory grains, TransactionContract<SettlementInput, SettlementOutput> contract, bool commit)
    : TransactionHandler<SettlementInput, SettlementOutput>(contract)
{
    /// <summary>A settlement is its msgid's receipt in the journal, which answers every repeat; a pre-settlement reads only.</summary>
    public override RepeatEffect RepeatEffect => commit ? RepeatEffect.AnsweredFromMessageId : RepeatEffect.None;

    protected override async ValueTask<HandlerOutcome<SettlementOutput>> ExecuteAsync(TransactionRequest<SettlementInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Input.Data;
        var context = request.Context;
        var visitGrain = grains.GetGrain<IVisitGrain>(data.MdtrtId);
        var person = grains.GetGrain<IPersonGrain>(data.PsnNo);
        var digest = RequestDigest(request);
        var visit = await visitGrain.GetAsync();
        var declared = WireAmount.ToMoney(data.MedfeeSumamt);
        if (Refusal(visit, data, context.Institution, declared) is { } refusal)
        {
            // The person's own refusals (not enrolled, another insured region) come before the visit's.
            var check = await PersonLookup.FindAsync(grains, data.PsnNo, context.Envelope);
            if (check.Person is null)
            {
                return HandlerOutcome<SettlementOutput>.Reject(check.Infcode, check.ErrMsg!);
            }

            // A late retry of a settlement made before the visit changed (e.g. it was cancelled since) gets its first answer.
            return commit && await person.FindAnswerAsync(context.Institution, context.Envelope.Msgid, digest) is { } first
                ? SettlementAnswerMapper.From(first, data.PsnNo, context.ReceivedAt)
                : refusal;
        }

        // No person lookup first: the visit is this person's (registered only for an enrolled person), and the person
        // grain refuses an insured region not the person's (DeclaredRegion) with the same answer the lookup gave. One
        // grain call fewer for each (pre-)settlement.
        var command = new SettleCommand
        {
            MessageId = context.Envelope.Msgid,
            InstitutionCode = context.Institution,
            RequestDigest = digest,
            UseAccount = data.AcctUsedFlag == "1",
            DeclaredRegion = PersonLookup.DeclaredRegionOf(context.Envelope),
            Visit = new Visit
            {
                VisitId = visit!.VisitId,
                Type = visit.Type,
                IsTransfer = visit.IsTransfer,
                Date = visit.DischargeDate ?? WireTime.DateOf(context.ReceivedAt),
                AdmissionDate = visit.Type is VisitType.Inpatient or VisitType.Accident ? visit.BeginDate : null,
                DiseaseCode = visit.DiseaseCode,
                DeclaredTotal = declared,
                FeeLines = [.. visit.FeeLines.Select(l => l.Line)],
            },
        };
        var outcome = commit ? await person.SettleAsync(command) : await person.PreSettleAsync(command);
        if (outcome is { Status: SettlementStatus.Settled, SettlementId: { } settlementId })
        {
            var marked = await visitGrain.MarkSettledAsync(context.Institution, settlementId);
            if (!marked.Accepted)
            {
                return HandlerOutcome<SettlementOutput>.Reject(VisitRefusalMessage.For(marked));
            }
        }

        return SettlementAnswerMapper.From(outcome, data.PsnNo, context.ReceivedAt);
    }

    private static HandlerOutcome<SettlementOutput>? Refusal(VisitSnapshot? visit, SettlementRequest data, string institution, Money declared)
    {
        if (visit is null)
        {
            return HandlerOutcome<SettlementOutput>.Reject($"{VisitRejectionCode.UnknownVisit}: visit {ClientText.Echo(data.MdtrtId)} is not registered (2201 or 2401 first)");
        }

        if (visit.InstitutionCode != institution)
        {
            return HandlerOutcome<SettlementOutput>.Reject(
                $"{VisitRejectionCode.InstitutionMismatch}: visit {visit.VisitId} was registered by institution {visit.InstitutionCode}; only it may settle it");
        }

        if (visit.PersonId != data.PsnNo)
        {
            return HandlerOutcome<SettlementOutput>.Reject(
                $"{VisitRejectionCode.PersonMismatch}: visit {visit.VisitId} is not a visit of person {Diagnostics.LogMasking.MaskIdNumber(data.PsnNo)}");
        }

        if (visit.Status == VisitStatus.Cancelled)
        {
            return HandlerOutcome<SettlementOutput>.Reject($"{VisitRejectionCode.NotOpen}: visit {visit.VisitId} is cancelled");
        }

        return visit.FeeTotal == declared
            ? null
            : HandlerOutcome<SettlementOutput>.Reject(Infcodes.AmountMismatch, string.Create(CultureInfo.InvariantCulture,
                $"fee lines of visit {visit.VisitId} add up to {visit.FeeTotal}, not the declared medfee_sumamt {declared}"));
    }
}
