using Medisettle.Gateway.Pipeline;
using Medisettle.Gateway.Transactions;
using Medisettle.Gateway.Transactions.Handlers;
using Medisettle.Interfaces.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Gateway.Tests;

/// <summary>
/// What each transaction says a repeat of its request could change, and so whether the gateway writes the request's
/// signature to the replay window before answering (docs/gateway.md, "Signing").
/// </summary>
public sealed class RepeatEffectTests
{
    public static TheoryData<Type, RepeatEffect> Declared => new()
    {
        { typeof(SignInHandler), RepeatEffect.Unknown },
        { typeof(PersonInfoHandler), RepeatEffect.None },
        { typeof(OutpatientRegisterHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(OutpatientRegisterCancelHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(VisitInfoHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(OutpatientFeeUploadHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(OutpatientFeeCancelHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(OutpatientPreSettlementHandler), RepeatEffect.None },
        { typeof(OutpatientSettlementHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(OutpatientSettlementCancelHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(AdmissionHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(DischargeHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(InpatientFeeUploadHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(InpatientFeeCancelHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(InpatientPreSettlementHandler), RepeatEffect.None },
        { typeof(InpatientSettlementHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(InpatientSettlementCancelHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(PharmacyPreSettlementHandler), RepeatEffect.None },
        { typeof(PharmacySettlementHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(PharmacySettlementCancelHandler), RepeatEffect.AnsweredFromMessageId },
        { typeof(DailyReconciliationHandler), RepeatEffect.None },
        { typeof(DetailReconciliationHandler), RepeatEffect.None },
    };

    [Theory]
    [MemberData(nameof(Declared))]
    public void Each_transaction_declares_what_a_repeat_of_it_could_change(Type handler, RepeatEffect expected)
    {
        // The declaration needs none of the handler's services.
        var arguments = handler.GetConstructors().Single().GetParameters().Select(_ => (object?)null).ToArray();
        var instance = (ITransactionHandler)Activator.CreateInstance(handler, arguments)!;

        Assert.Equal(expected, instance.RepeatEffect);
    }

    [Fact]
    public void Every_registered_transaction_is_in_the_table()
    {
        var services = new ServiceCollection().AddGateway(_ => { }).AddSettlementTransactions();
        var registered = services.Where(d => d.ServiceType == typeof(ITransactionHandler)).Select(d => d.ImplementationType!).ToHashSet();

        Assert.Equal(registered.OrderBy(t => t.Name), Declared.Select(row => (Type)row[0]).OrderBy(t => t.Name));
    }

    [Theory]
    [InlineData(RepeatEffect.None, Infcodes.Success, true)]
    [InlineData(RepeatEffect.None, Infcodes.BusinessRejection, true)]
    [InlineData(RepeatEffect.AnsweredFromMessageId, Infcodes.Success, true)]
    [InlineData(RepeatEffect.AnsweredFromMessageId, Infcodes.BusinessRejection, false)]
    [InlineData(RepeatEffect.AnsweredFromMessageId, 2002, false)]
    [InlineData(RepeatEffect.Unknown, Infcodes.Success, false)]
    [InlineData(RepeatEffect.Unknown, Infcodes.BusinessRejection, false)]
    public void A_signature_waits_for_no_write_only_when_a_repeat_can_change_nothing(RepeatEffect effect, int infcode, bool changesNothing)
    {
        Assert.Equal(changesNothing, TransactionEndpoint.RepeatChangesNothing(effect, infcode));
    }
}
