using System.Text.Json.Nodes;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// Control flags through the grains (pack P0, 2 silos on SQLite): flags commit with the settlement or refusal that
/// raised them, once however the swipe is retried; velocity and duplicate purchases hold when several pharmacies swipe
/// one person at once; a confirmed flag deducts the pharmacy's points exactly once.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ControlFlagTests(SqliteClusters clusters)
{
    private const string Drug = "X0001"; // SettlementWorld's pharmacy line: 7 days of supply

    [Fact]
    public async Task A_duplicate_purchase_is_settled_with_one_durable_flag_and_retries_add_none()
    {
        var world = await clusters.WorldAsync(recentMessagesMax: 1);
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var first = await person.SettleAsync(world.Pharmacy("M1", 10m));
        var duplicate = world.Pharmacy("M2", 10m);

        var flagged = await person.SettleAsync(duplicate);
        var retry = await person.SettleAsync(duplicate); // answered from the recent-answer cache
        await person.SettleAsync(world.Inpatient("M3", 1_000m)); // pushes M2 out of the cache (it holds 1)
        var lateRetry = await person.SettleAsync(duplicate); // recomputed, refused by the receipt's entry id, answered from the journal

        Assert.Empty(first.Breakdown!.Flags);
        var finding = Assert.Single(flagged.Breakdown!.Flags);
        Assert.Equal((ControlRule.DuplicatePurchase, ControlAction.Flag), (finding.Rule, finding.Action));
        Assert.Equal([first.SettlementId!], finding.RelatedSettlementIds);
        Assert.Equal(flagged.SettlementId, retry.SettlementId);
        Assert.Equal(flagged.Breakdown.Flags.Select(f => (f.Rule, f.Evidence)), retry.Breakdown!.Flags.Select(f => (f.Rule, f.Evidence)));
        Assert.Equal(flagged.Breakdown.Flags.Select(f => (f.Rule, f.Evidence)), lateRetry.Breakdown!.Flags.Select(f => (f.Rule, f.Evidence)));
        Assert.Equal(flagged.SettlementId, lateRetry.SettlementId);
        var flag = Assert.Single(await FlagsAsync(world, world.PharmacyCode));
        Assert.Equal(ControlFlag.SettledFlagId(flagged.SettlementId!, ControlRule.DuplicatePurchase), flag.FlagId);
        Assert.Equal((world.Id("E1"), world.PharmacyCode, flagged.SettlementId, "M2"), (flag.PersonId, flag.InstitutionCode, flag.SettlementId, flag.MessageId));
        Assert.Equal(finding.Evidence, flag.Evidence);
    }

    [Fact]
    public async Task A_refusal_by_a_rule_commits_one_flag_and_a_retry_the_cache_forgot_adds_none()
    {
        var world = await clusters.WorldAsync(recentMessagesMax: 1);
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var cosmetic = world.Pharmacy("M1", 30m, ItemKind.Cosmetic);

        var refused = await person.SettleAsync(cosmetic);
        await person.SettleAsync(world.Inpatient("M2", 1_000m) with { UseAccount = false }); // pushes M1 out of the cache
        var retry = await person.SettleAsync(cosmetic);

        var flagId = ControlFlag.RefusedFlagId(world.PharmacyCode, "M1", ControlRule.NonInsuredGoods);
        Assert.Equal(RejectionCode.NonInsuredGoods, refused.Rejection!.Code);
        Assert.EndsWith($"(pack P0-990001-employee); flagged for review as {flagId}", refused.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Rejection, retry.Rejection);
        var flag = Assert.Single(await FlagsAsync(world, world.PharmacyCode));
        Assert.Equal((flagId, ControlAction.Refuse, (string?)null), (flag.FlagId, flag.Action, flag.SettlementId));
        Assert.Equal(Money.FromYuan(500m), (await person.GetSnapshotAsync())!.AccountBalance);
    }

    [Fact]
    public async Task Two_pharmacies_swiping_the_same_drug_for_one_person_at_once_settle_both_and_flag_exactly_one()
    {
        var world = await clusters.WorldAsync();
        await world.RegisterAsync(world.Id("D990002"), InstitutionKind.Pharmacy, InstitutionLevel.Unrated);
        var persons = new List<IPersonGrain>();
        for (var i = 0; i < 10; i++)
        {
            persons.Add(await world.EnrolAsync($"E{i}", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m));
        }

        var pairs = await Task.WhenAll(persons.Select(async (person, i) => await Task.WhenAll(
            person.SettleAsync(world.Pharmacy($"A{i}", 10m)),
            person.SettleAsync(world.Pharmacy($"B{i}", 10m) with { InstitutionCode = world.Id("D990002") }))));

        foreach (var pair in pairs)
        {
            Assert.All(pair, o => Assert.Equal(SettlementStatus.Settled, o.Status));
            var flagged = Assert.Single(pair, o => o.Breakdown!.Flags.Count > 0);
            var other = Assert.Single(pair, o => o.Breakdown!.Flags.Count == 0);
            Assert.Equal([other.SettlementId!], Assert.Single(flagged.Breakdown!.Flags).RelatedSettlementIds);
        }

        var flags = (await FlagsAsync(world, world.PharmacyCode)).Concat(await FlagsAsync(world, world.Id("D990002"))).ToList();
        Assert.Equal(10, flags.Count);
        Assert.Equal(10, flags.Select(f => f.PersonId).Distinct().Count());
    }

    [Fact]
    public async Task With_duplicate_purchases_refused_two_pharmacies_at_once_settle_one_and_refuse_the_other()
    {
        // Its own cluster: it changes the P0 employee pack for the whole cluster.
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        await world.RegisterAsync(world.Id("D990002"), InstitutionKind.Pharmacy, InstitutionLevel.Unrated);
        await ActivateP0EmployeeWithAsync(world, controls => controls["duplicatePurchase"]!["action"] = "Refuse");
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);

        var outcomes = await Task.WhenAll(
            person.SettleAsync(world.Pharmacy("A1", 10m)),
            person.SettleAsync(world.Pharmacy("B1", 10m) with { InstitutionCode = world.Id("D990002") }));

        var settled = Assert.Single(outcomes, o => o.Status == SettlementStatus.Settled);
        var refused = Assert.Single(outcomes, o => o.Status == SettlementStatus.Rejected);
        Assert.Equal(RejectionCode.DuplicatePurchase, refused.Rejection!.Code);
        Assert.Contains(settled.SettlementId!, refused.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal(Money.FromYuan(490m), (await person.GetSnapshotAsync())!.AccountBalance);
        var flag = Assert.Single((await FlagsAsync(world, world.PharmacyCode)).Concat(await FlagsAsync(world, world.Id("D990002"))));
        Assert.Equal((ControlRule.DuplicatePurchase, ControlAction.Refuse), (flag.Rule, flag.Action));
        Assert.Equal([settled.SettlementId!], flag.RelatedSettlementIds);
    }

    [Fact]
    public async Task Twelve_pharmacies_swiping_one_person_at_once_settle_ten_flag_six_and_refuse_two()
    {
        var world = await clusters.WorldAsync();
        var codes = Enumerable.Range(1, 12).Select(i => world.Id($"D9900{i:D2}X")).ToArray();
        foreach (var code in codes)
        {
            await world.RegisterAsync(code, InstitutionKind.Pharmacy, InstitutionLevel.Unrated);
        }

        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 5_000m);

        // Each at its own pharmacy with its own drug: only velocity applies. Swipes 1–4: 4 swipes is not more than 4;
        // 5–10: more than 4 at more than 2 institutions, flagged; 11–12: more than 10, refused.
        var outcomes = await Task.WhenAll(codes.Select((code, i) => person.SettleAsync(WithDrug(world.Pharmacy($"M{i}", 10m), $"XV{i}") with { InstitutionCode = code })));

        Assert.Equal(10, outcomes.Count(o => o.Status == SettlementStatus.Settled));
        Assert.Equal(6, outcomes.Count(o => o.Breakdown?.Flags.Any(f => f.Rule == ControlRule.PersonVelocity) == true));
        Assert.Equal(2, outcomes.Count(o => o.Rejection?.Code == RejectionCode.PersonVelocity));
        var flags = new List<ControlFlag>();
        foreach (var code in codes)
        {
            flags.AddRange(await FlagsAsync(world, code));
        }

        Assert.Equal((6, 2), (flags.Count(f => f.Action == ControlAction.Flag), flags.Count(f => f.Action == ControlAction.Refuse)));
        Assert.Equal(Money.FromYuan(4_900m), (await person.GetSnapshotAsync())!.AccountBalance);
    }

    [Fact]
    public async Task The_person_s_history_and_the_flags_survive_a_restart_of_every_silo()
    {
        var world = await clusters.RestartableWorldAsync(); // restarts every silo
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var first = await person.SettleAsync(world.Pharmacy("M1", 10m));
        var flagged = await person.SettleAsync(world.Pharmacy("M2", 10m));

        await world.RestartAsync();
        var afterRestart = await world.Person("E1").SettleAsync(world.Pharmacy("M3", 10m));

        var finding = Assert.Single(afterRestart.Breakdown!.Flags);
        Assert.Equal(ControlRule.DuplicatePurchase, finding.Rule);
        Assert.Equal([first.SettlementId!, flagged.SettlementId!], finding.RelatedSettlementIds);
        Assert.Equal(2, (await FlagsAsync(world, world.PharmacyCode)).Count);
    }

    [Fact]
    public async Task A_cancelled_purchase_no_longer_makes_the_next_one_a_duplicate()
    {
        var world = await clusters.WorldAsync();
        var person = await world.EnrolAsync("E1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var first = await person.SettleAsync(world.Pharmacy("M1", 10m));
        await person.CancelAsync(new CancelCommand { MessageId = "C1", InstitutionCode = world.PharmacyCode, SettlementId = first.SettlementId! });

        var again = await person.SettleAsync(world.Pharmacy("M2", 10m));

        Assert.Equal(SettlementStatus.Settled, again.Status);
        Assert.Empty(again.Breakdown!.Flags);
    }

    [Fact]
    public async Task Confirming_a_flag_deducts_the_pharmacy_s_points_once_however_often_it_is_confirmed()
    {
        var world = await clusters.RestartableWorldAsync(); // restarts every silo
        var flagId = await DuplicateFlagAsync(world);
        var review = world.Cluster.Client.GetGrain<IFlagReviewGrain>(flagId);

        var confirmed = await review.ConfirmAsync(3, "duplicate purchase confirmed by audit");
        var again = await review.ConfirmAsync(5, "sent twice");
        await world.RestartAsync();
        var afterRestart = await world.Cluster.Client.GetGrain<IFlagReviewGrain>(flagId).ConfirmAsync(3, "sent again after a restart");
        var dismiss = await world.Cluster.Client.GetGrain<IFlagReviewGrain>(flagId).DismissAsync("changed my mind");

        Assert.Equal((FlagReviewOutcome.Resolved, FlagStatus.Confirmed, true), (confirmed.Outcome, confirmed.Flag!.Status, confirmed.Flag.PointsDeducted));
        Assert.Equal((FlagReviewOutcome.Resolved, 3, "duplicate purchase confirmed by audit"), (again.Outcome, again.Flag!.Resolution!.Points, again.Flag.Resolution.Reason));
        Assert.Equal((FlagReviewOutcome.Resolved, 3), (afterRestart.Outcome, afterRestart.Flag!.Resolution!.Points));
        Assert.Equal(FlagReviewOutcome.Conflict, dismiss.Outcome);
        var pharmacy = (await world.Institution(world.PharmacyCode).GetSnapshotAsync())!;
        Assert.Equal(3, pharmacy.PointsDeducted);
        Assert.Equal([LedgerNames.FlagEntry(flagId)], pharmacy.DeductionIds);
        var listed = await Queue(world).ListFlagsAsync(new FlagQuery { Status = FlagStatus.Confirmed, InstitutionCode = world.PharmacyCode });
        Assert.Equal(flagId, Assert.Single(listed.Flags).Flag.FlagId);
        Assert.Empty((await Queue(world).ListFlagsAsync(new FlagQuery { Status = FlagStatus.Open, InstitutionCode = world.PharmacyCode })).Flags);
    }

    [Fact]
    public async Task The_same_deduction_id_counts_once()
    {
        var world = await clusters.WorldAsync();
        var pharmacy = world.Institution(world.PharmacyCode);

        var first = await pharmacy.DeductPointsOnceAsync("flag:X", 4, "first");
        var second = await pharmacy.DeductPointsOnceAsync("flag:X", 4, "again");
        var other = await pharmacy.DeductPointsOnceAsync("flag:Y", 1, "another flag");

        Assert.Equal((4, 4, 5), (first.PointsDeducted, second.PointsDeducted, other.PointsDeducted));
    }

    [Fact]
    public async Task Confirming_twelve_points_revokes_the_pharmacy_through_the_12_point_rule_and_a_dismissed_flag_deducts_nothing()
    {
        var world = await clusters.WorldAsync();
        var person = await world.EnrolAsync("E9", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var dismissedId = await DuplicateFlagAsync(world);
        var confirmedId = ControlFlag.RefusedFlagId(world.PharmacyCode, "MC", ControlRule.NonInsuredGoods);
        await person.SettleAsync(world.Pharmacy("MC", 30m, ItemKind.Cosmetic));

        var dismissed = await world.Cluster.Client.GetGrain<IFlagReviewGrain>(dismissedId).DismissAsync("prescribed by two doctors");
        var confirmAfterDismiss = await world.Cluster.Client.GetGrain<IFlagReviewGrain>(dismissedId).ConfirmAsync(1, "too late");
        var revoking = await world.Cluster.Client.GetGrain<IFlagReviewGrain>(confirmedId).ConfirmAsync(12, "sold cosmetics on the card");
        var next = await person.SettleAsync(world.Pharmacy("M9", 10m));

        Assert.Equal((FlagReviewOutcome.Resolved, FlagStatus.Dismissed, (bool?)null), (dismissed.Outcome, dismissed.Flag!.Status, dismissed.Flag.PointsDeducted));
        Assert.Equal(FlagReviewOutcome.Conflict, confirmAfterDismiss.Outcome);
        Assert.Equal(FlagStatus.Confirmed, revoking.Flag!.Status);
        var pharmacy = (await world.Institution(world.PharmacyCode).GetSnapshotAsync())!;
        Assert.Equal((12, DesignationStatus.Revoked), (pharmacy.PointsDeducted, pharmacy.Profile.Designation));
        Assert.Equal(RejectionCode.InstitutionRevoked, next.Rejection!.Code);
        var unknown = await world.Cluster.Client.GetGrain<IFlagReviewGrain>("D990001-NOPE-DuplicatePurchase").ConfirmAsync(1, "no such flag");
        Assert.Equal(FlagReviewOutcome.NotFound, unknown.Outcome);
    }

    [Fact]
    public async Task The_review_queue_filters_by_status_person_rule_and_institution_and_pages_by_sequence()
    {
        var world = await clusters.WorldAsync();
        var flagA = await DuplicateFlagAsync(world, "EA");
        var flagB = await DuplicateFlagAsync(world, "EB");
        await world.EnrolAsync("EC", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        await world.Person("EC").SettleAsync(world.Pharmacy("MC", 30m, ItemKind.Cosmetic));
        await world.Cluster.Client.GetGrain<IFlagReviewGrain>(flagA).DismissAsync("fine");

        var all = await Queue(world).ListFlagsAsync(new FlagQuery { InstitutionCode = world.PharmacyCode });
        var open = await Queue(world).ListFlagsAsync(new FlagQuery { Status = FlagStatus.Open, InstitutionCode = world.PharmacyCode });
        var ofB = await Queue(world).ListFlagsAsync(new FlagQuery { PersonId = world.Id("EB"), InstitutionCode = world.PharmacyCode });
        var goods = await Queue(world).ListFlagsAsync(new FlagQuery { Rule = ControlRule.NonInsuredGoods, InstitutionCode = world.PharmacyCode });
        var firstPage = await Queue(world).ListFlagsAsync(new FlagQuery { Limit = 2, InstitutionCode = world.PharmacyCode });
        var secondPage = await Queue(world).ListFlagsAsync(new FlagQuery { Limit = 2, AfterSequence = firstPage.NextAfter!.Value, InstitutionCode = world.PharmacyCode });
        var elsewhere = await Queue(world).ListFlagsAsync(new FlagQuery { InstitutionCode = world.HospitalCode });

        Assert.Equal(3, all.Flags.Count);
        Assert.Null(all.NextAfter);
        Assert.Equal(FlagStatus.Dismissed, all.Flags.Single(f => f.Flag.FlagId == flagA).Status);
        Assert.Equal(2, open.Flags.Count);
        Assert.Equal(flagB, Assert.Single(ofB.Flags).Flag.FlagId);
        Assert.Equal(world.Id("EC"), Assert.Single(goods.Flags).Flag.PersonId);
        Assert.Equal(all.Flags.Select(f => f.Flag.FlagId), firstPage.Flags.Concat(secondPage.Flags).Select(f => f.Flag.FlagId));
        Assert.Empty(elsewhere.Flags);
    }

    [Fact]
    public async Task A_hospital_above_one_agreed_disease_case_per_flat_rate_case_gets_one_alert()
    {
        var world = await clusters.WorldAsync();
        var person = await world.EnrolAsync("P1");
        var hospital = world.Institution(world.HospitalCode);
        for (var i = 0; i < 10; i++)
        {
            await person.SettleAsync(Stay(world, $"F{i}", null));
            await person.SettleAsync(Stay(world, $"A{i}", "acute-appendicitis"));
        }

        await world.Dispatcher.DrainAsync();
        var atOne = (await hospital.GetSnapshotAsync())!;
        var eleventh = await person.SettleAsync(Stay(world, "A10", "cholelithiasis"));
        await world.Dispatcher.DrainAsync();
        var above = (await hospital.GetSnapshotAsync())!;
        await person.CancelAsync(new CancelCommand { MessageId = "C10", InstitutionCode = world.HospitalCode, SettlementId = eleventh.SettlementId! });
        await person.SettleAsync(Stay(world, "A11", "senile-cataract"));
        await world.Dispatcher.DrainAsync();
        var again = (await hospital.GetSnapshotAsync())!;

        // 10 : 10 over 20 cases is at the ratio, not above it; 11 : 10 is above.
        var tally = Assert.Single(atOne.AgreedDiseaseTallies);
        Assert.Equal(("P0-990001-resident", new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 30), 10, 10), (tally.PackId, tally.PeriodStart, tally.PeriodEnd, tally.AgreedDiseaseCases, tally.FlatRateCases));
        Assert.Empty(atOne.Alerts);
        var alert = Assert.Single(above.Alerts);
        Assert.Equal((ControlRule.AgreedDiseaseRatio, 11, 10, $"{world.HospitalCode}-P0-990001-resident-202601"), (alert.Rule, alert.AgreedDiseaseCases, alert.FlatRateCases, alert.AlertId));
        Assert.StartsWith("11 协议病种 cases to 10 包干 cases from 2026-01-01 to 2026-04-30 is above 1:1", alert.Evidence, StringComparison.Ordinal);
        Assert.Equal(alert, Assert.Single(again.Alerts)); // a period raises its alert once
        Assert.Equal((11, 10), (again.AgreedDiseaseTallies[0].AgreedDiseaseCases, again.AgreedDiseaseTallies[0].FlatRateCases));
    }

    private static SettleCommand Stay(SettlementWorld world, string messageId, string? disease)
    {
        var command = world.Inpatient(messageId, 1_000m);
        return command with { Visit = command.Visit with { DiseaseCode = disease } };
    }

    private static SettleCommand WithDrug(SettleCommand command, string code) =>
        command with { Visit = command.Visit with { FeeLines = [.. command.Visit.FeeLines.Select(l => l with { CatalogueCode = code })] } };

    /// <summary>Two purchases of the same drug by a new employee at the demo pharmacy; returns the second one's duplicate flag id.</summary>
    private static async Task<string> DuplicateFlagAsync(SettlementWorld world, string personId = "E1")
    {
        var person = await world.EnrolAsync(personId, Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        await person.SettleAsync(world.Pharmacy($"{personId}M1", 10m));
        var second = await person.SettleAsync(world.Pharmacy($"{personId}M2", 10m));
        return ControlFlag.SettledFlagId(second.SettlementId!, Assert.Single(second.Breakdown!.Flags).Rule);
    }

    private static IReviewQueueGrain Queue(SettlementWorld world) => world.Cluster.Client.GetGrain<IReviewQueueGrain>(0);

    private static async Task<List<ControlFlag>> FlagsAsync(SettlementWorld world, string institution)
    {
        var entries = await world.Services.GetRequiredService<IJournal>().ReadAsync(LedgerNames.FlagStream(institution), 0, 1_000);
        return [.. entries.Select(e => LedgerJson.Deserialize<ControlFlag>(e))];
    }

    /// <summary>Activates the shipped P0 employee pack with its <c>controls</c> changed (same id: it replaces the shipped one).</summary>
    private static async Task ActivateP0EmployeeWithAsync(SettlementWorld world, Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(PolicyPackLoader.DefaultDirectory, "p0-990001-employee.json")))!;
        change(json["controls"]!);
        var registry = world.Cluster.Client.GetGrain<IPolicyRegistryGrain>(IPolicyRegistryGrain.Key);
        var loaded = await registry.LoadAsync(json.ToJsonString(), "p0-990001-employee.json");
        Assert.Null(loaded.Error);
        Assert.NotNull((await registry.ActivateAsync("P0-990001-employee")).Pack);
    }
}
