using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// Message ids: (institution, msgid) is looked up before any other check. A retry gets its first answer however
/// late; the msgid reused for a different request (amount, visit, person, settlement) is a conflict that changes
/// nothing, every time it is sent. Each runs with msgids of the platform's form, whose settlements' records are their
/// receipts (their ids are made from the msgid), and with free-form msgids, whose settlements have receipts of their own.
/// </summary>
public abstract partial class SettlementSuite
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pharmacy_retry_after_more_newer_messages_than_the_cache_holds_returns_the_first_answer(bool platformForm)
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var first = world.Pharmacy(Msgid(world, "M", 0, platformForm), 10m);
        var firstOutcome = await person.SettleAsync(first);
        for (var i = 1; i <= 17; i++)
        {
            Assert.Equal(SettlementStatus.Settled, (await person.SettleAsync(world.Pharmacy(Msgid(world, "M", i, platformForm), 10m))).Status);
        }

        var retry = await person.SettleAsync(first);

        Assert.Equal((SettlementStatus.Settled, firstOutcome.SettlementId, firstOutcome.AnsweredAt), (retry.Status, retry.SettlementId, retry.AnsweredAt));
        Assert.Equal(platformForm, firstOutcome.SettlementId!.StartsWith('M'));
        var snapshot = await person.GetSnapshotAsync();
        Assert.Equal(Money.FromYuan(320m), snapshot!.AccountBalance);
        Assert.Equal(18, snapshot.ActiveSettlements.Count);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(16, false)]
    [InlineData(1, true)]
    [InlineData(16, true)]
    public async Task Msgid_reused_with_another_amount_is_a_conflict_and_changes_nothing(int recentMessagesMax, bool platformForm)
    {
        var world = await clusters.WorldAsync(recentMessagesMax);
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var m1 = Msgid(world, "M", 1, platformForm);
        await person.SettleAsync(world.Pharmacy(m1, 10m));
        await person.SettleAsync(world.Pharmacy(Msgid(world, "M", 2, platformForm), 10m));

        var reused = await person.SettleAsync(world.Pharmacy(m1, 20m));
        var again = await person.SettleAsync(world.Pharmacy(m1, 20m));

        Assert.Equal((SettlementStatus.Rejected, RejectionCode.MessageIdConflict), (reused.Status, reused.Rejection!.Code));
        Assert.Equal((SettlementStatus.Rejected, RejectionCode.MessageIdConflict), (again.Status, again.Rejection!.Code));
        Assert.Equal(
            $"msgid {m1} was already used by institution {world.PharmacyCode} for a different request; nothing changed (a new request needs a new msgid).",
            reused.Rejection.Message);
        var snapshot = await person.GetSnapshotAsync();
        Assert.Equal((Money.FromYuan(480m), 2), (snapshot!.AccountBalance, snapshot.ActiveSettlements.Count));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Msgid_used_for_another_person_is_a_conflict_for_that_person_on_every_retry_and_the_first_keeps_its_answer(bool platformForm)
    {
        var world = await StartAsync();
        var first = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var other = await world.EnrolAsync("E2", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var command = world.Pharmacy(Msgid(world, "M", 1, platformForm), 10m);
        var settled = await first.SettleAsync(command);

        var conflict = await other.SettleAsync(command);
        var retried = await other.SettleAsync(command);
        var firstRetry = await first.SettleAsync(command);

        Assert.Equal(RejectionCode.MessageIdConflict, conflict.Rejection!.Code);
        Assert.Equal(RejectionCode.MessageIdConflict, retried.Rejection!.Code);
        Assert.Equal((SettlementStatus.Settled, settled.SettlementId), (firstRetry.Status, firstRetry.SettlementId));
        var untouched = await other.GetSnapshotAsync();
        Assert.Equal((Money.FromYuan(500m), 0), (untouched!.AccountBalance, untouched.ActiveSettlements.Count));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Msgid_of_a_cancel_or_a_settlement_reused_to_cancel_something_else_or_to_settle_is_a_conflict(bool platformForm)
    {
        var world = await StartAsync();
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var m1 = Msgid(world, "M", 1, platformForm);
        var one = await person.SettleAsync(world.Pharmacy(m1, 10m));
        var two = await person.SettleAsync(world.Pharmacy(Msgid(world, "M", 2, platformForm), 10m));
        var cancel = new CancelCommand { MessageId = Msgid(world, "C", 1, platformForm), InstitutionCode = world.PharmacyCode, SettlementId = one.SettlementId! };

        var cancelled = await person.CancelAsync(cancel);
        var cancelRetry = await person.CancelAsync(cancel);
        var reusedCancel = await person.CancelAsync(cancel with { SettlementId = two.SettlementId! });
        var reusedSettlement = await person.CancelAsync(cancel with { MessageId = m1, SettlementId = two.SettlementId! });
        var cancelReusedToSettle = await person.SettleAsync(world.Pharmacy(cancel.MessageId, 10m));

        Assert.Equal((SettlementStatus.Cancelled, one.SettlementId), (cancelled.Status, cancelled.SettlementId));
        Assert.Equal((SettlementStatus.Cancelled, cancelled.AnsweredAt), (cancelRetry.Status, cancelRetry.AnsweredAt));
        Assert.Equal(RejectionCode.MessageIdConflict, reusedCancel.Rejection!.Code);
        Assert.Equal(RejectionCode.MessageIdConflict, reusedSettlement.Rejection!.Code);
        Assert.Equal(RejectionCode.MessageIdConflict, cancelReusedToSettle.Rejection!.Code);
        var snapshot = await person.GetSnapshotAsync();
        Assert.Equal([two.SettlementId], snapshot!.ActiveSettlements.Values);
        Assert.Equal(Money.FromYuan(490m), snapshot.AccountBalance);
    }

    /// <summary>
    /// Message <paramref name="n"/>: of the platform's form (the pharmacy's code, 2026-03-02 09:00:00 and a sequence; a
    /// cancel's sequences from 5001), or free-form (<paramref name="prefix"/> and <paramref name="n"/>).
    /// </summary>
    private static string Msgid(SettlementWorld world, string prefix, int n, bool platformForm) =>
        platformForm ? $"{world.PharmacyCode}20260302090000{(prefix == "C" ? 5000 + n : n):D4}" : $"{prefix}{n}";
}
