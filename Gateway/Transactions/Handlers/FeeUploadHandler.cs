using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 2204/2301 费用明细上传: adds the lines to the visit (all lines must name one visit and one person) and answers
/// each line's classification.
/// </summary>
public abstract class FeeUploadHandler(IGrainFactory grains, TransactionContract<FeeDetailUploadInput, FeeDetailUploadOutput> contract)
    : TransactionHandler<FeeDetailUploadInput, FeeDetailUploadOutput>(contract)
{
    /// <summary>A success is kept with the visit's msgids (<c>IVisitGrain</c>: a retry returns success and changes nothing).</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.AnsweredFromMessageId;

    protected override async ValueTask<HandlerOutcome<FeeDetailUploadOutput>> ExecuteAsync(
        TransactionRequest<FeeDetailUploadInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var details = request.Input.Feedetail;
        var first = details[0];
        if (details.FirstOrDefault(d => d.MdtrtId != first.MdtrtId || d.PsnNo != first.PsnNo) is { } other)
        {
            return HandlerOutcome<FeeDetailUploadOutput>.Reject(
                Infcodes.InvalidValue, $"fee line {ClientText.Echo(other.FeedetlSn)} names another visit or person than line {ClientText.Echo(first.FeedetlSn)}; upload one visit at a time");
        }

        var (lines, problem) = FeeLines.FromFeeDetails(details);
        if (lines is null)
        {
            return HandlerOutcome<FeeDetailUploadOutput>.Reject(Infcodes.InvalidValue, problem!);
        }

        var outcome = await grains.GetGrain<IVisitGrain>(first.MdtrtId).AddFeeLinesAsync(
            new VisitCommand { MessageId = request.Context.Envelope.Msgid, InstitutionCode = request.Context.Institution, PersonId = first.PsnNo },
            lines);
        if (!outcome.Accepted)
        {
            return HandlerOutcome<FeeDetailUploadOutput>.Reject(VisitRefusalMessage.For(outcome));
        }

        var results = details.Select((detail, i) => FeeLines.Result(detail, lines[i])).ToList();
        return HandlerOutcome<FeeDetailUploadOutput>.Ok(new FeeDetailUploadOutput { Result = results });
    }
}
