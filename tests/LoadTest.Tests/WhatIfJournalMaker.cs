using System.Globalization;
using System.Text.Json.Nodes;
using Medisettle.Grains.Demo;
using Medisettle.Grains.Hosting;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Hosting;
using Medisettle.LoadTest.Targets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// Makes a real settlement journal for the <c>whatif</c> tests: a co-hosted silo (as <c>inprocess</c> builds it) on the
/// given storage, two employees of the demo region 990001 (pack P0-990001-employee: inpatient deductible 0, 80 %, annual
/// cap 41,000) and four inpatient stays of class A fee lines, paid without the personal account, one of them cancelled.
/// By hand, under the pack in force:
/// <list type="bullet">
/// <item>A, 2026-01-15 (before the period): 5,000.00 → pooled fund 4,000.00.</item>
/// <item>A, 2026-03-05: 10,000.00 → fund 8,000.00 (under <see cref="CandidateRate"/> 90 %: 9,000.00).</item>
/// <item>B, 2026-03-06: 2,000.00 → fund 1,600.00, then cancelled (left out of the totals).</item>
/// <item>B, 2026-03-10: 3,000.00 → fund 2,400.00 (90 %: 2,700.00).</item>
/// </list>
/// Period March 2026: 2 settlements, 13,000.00; fund 10,400.00 before, 11,700.00 under the candidate (+1,300.00).
/// </summary>
internal static class WhatIfJournalMaker
{
    public const decimal CandidateRate = 0.9m;
    public const string PersonA = "99000199000001";
    public const string PersonB = "99000199000002";
    public const string EmployeePackFile = "p0-990001-employee.json";

    /// <summary>A county-level hospital of the demo region (demo institution 3).</summary>
    private static readonly string Hospital = DemoData.InstitutionCode(3);

    /// <summary>Runs the silo on <paramref name="options"/>' storage, settles the four stays, stops the silo (state flushed).</summary>
    public static async Task MakeAsync(InProcessOptions options)
    {
        await CoHostedSilo.PrepareStorageAsync(options, CancellationToken.None);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        var builder = CoHostedSilo.CreateBuilder(TimeSpan.FromHours(1), silo =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(SettlementClock.ServiceKey, clock);
            silo.AddLoadTestStorage(options).AddSettlementGrains();
        });
        builder.Services.AddCredentialProtection(options.KeysDirectory);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IInstitutionGrain>(Hospital).RegisterAsync(DemoData.Institution(3, DemoCredentials.Generate(4).SecretOf(Hospital)));
            foreach (var person in new[] { PersonA, PersonB })
            {
                await grains.GetGrain<IPersonGrain>(person).EnrolAsync(Employee(person));
            }

            var sequence = 0;
            async Task<string> SettleAsync(string person, DateOnly date, long yuan)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                var outcome = await grains.GetGrain<IPersonGrain>(person).SettleAsync(Inpatient(++sequence, date, yuan));
                Assert.True(outcome.Status == SettlementStatus.Settled, $"{person} {date}: {outcome.Status} {outcome.Rejection?.Code} {outcome.Rejection?.Message}");
                return outcome.SettlementId!;
            }

            await SettleAsync(PersonA, new DateOnly(2026, 1, 15), 5_000);
            await SettleAsync(PersonA, new DateOnly(2026, 3, 5), 10_000);
            var cancelled = await SettleAsync(PersonB, new DateOnly(2026, 3, 6), 2_000);
            await SettleAsync(PersonB, new DateOnly(2026, 3, 10), 3_000);
            clock.Advance(TimeSpan.FromMinutes(1));
            var cancel = await grains.GetGrain<IPersonGrain>(PersonB).CancelAsync(new CancelCommand { MessageId = MessageId(++sequence), InstitutionCode = Hospital, SettlementId = cancelled });
            Assert.True(cancel.Status == SettlementStatus.Cancelled, $"cancel: {cancel.Status} {cancel.Rejection?.Code} {cancel.Rejection?.Message}");
        }
        finally
        {
            await host.StopAsync();
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>The shipped employee pack of region 990001 with every basic ratio set to <see cref="CandidateRate"/>, written to <paramref name="path"/>.</summary>
    public static async Task WriteCandidateAsync(string path)
    {
        var pack = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(PolicyPackLoader.DefaultDirectory, EmployeePackFile)))!;
        foreach (var ratio in pack["basic"]!["ratios"]!.AsArray())
        {
            ratio!["rate"] = CandidateRate;
        }

        await File.WriteAllTextAsync(path, pack.ToJsonString());
    }

    private static PersonEnrolment Employee(string personId) => new()
    {
        Profile = new PersonProfile
        {
            PersonId = personId,
            Scheme = Scheme.Employee,
            Category = PersonCategory.Employed,
            InsuredRegion = DemoData.DemoRegion,
            EnrolmentDate = new DateOnly(2001, 1, 1),
            PaymentDate = new DateOnly(2001, 1, 1),
        },
        OpeningAccountBalance = Money.Yuan(1_000),
    };

    private static SettleCommand Inpatient(int sequence, DateOnly date, long yuan) => new()
    {
        MessageId = MessageId(sequence),
        InstitutionCode = Hospital,
        UseAccount = false,
        Visit = new Visit
        {
            VisitId = "VWHATIF" + sequence.ToString("D4", CultureInfo.InvariantCulture),
            Type = VisitType.Inpatient,
            Date = date,
            AdmissionDate = date.AddDays(-3),
            DeclaredTotal = Money.Yuan(yuan),
            FeeLines = [new FeeLine { CatalogueCode = "XS0100", Name = "ward and treatment", Class = FeeClass.ClassA, Amount = Money.Yuan(yuan), Quantity = 1 }],
        },
    };

    /// <summary>msgid: fixmedins_code + yyyyMMddHHmmss + 4 digits (30 characters).</summary>
    private static string MessageId(int sequence) => Hospital + "20260320090000" + sequence.ToString("D4", CultureInfo.InvariantCulture);
}
