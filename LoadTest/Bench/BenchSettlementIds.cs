using System.Globalization;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.LoadTest.Bench;

/// <summary>Settlement ids for the settlements the single-thread benchmarks (physical, breakdown) build, made as the person grain makes them.</summary>
internal static class BenchSettlementIds
{
    /// <summary>Made from a platform-form msgid (<see cref="LedgerNames.SettlementIdOf"/>, the record is its receipt), else a fixed-date id numbered by <paramref name="index"/>.</summary>
    public static string For(SettleCommand command, long index) =>
        LedgerNames.SettlementIdOf(command.InstitutionCode, command.MessageId) ?? "S20260302" + index.ToString("D21", CultureInfo.InvariantCulture);
}
