namespace Medisettle.Interfaces.Jobs;

/// <summary>A pooled fund's 二次补偿 of a year: the surplus above the retained share, what the persons are entitled to, and what is paid.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CompensationFund
{
    [Id(0)] public required string Fund { get; init; }

    [Id(1)] public required string PackId { get; init; }

    [Id(2)] public required Money Income { get; init; }

    /// <summary>Settlements − reversals − payout deductions dated in the year, plus the year's risk reserve set-aside.</summary>
    [Id(3)] public required Money Spending { get; init; }

    /// <summary>retainedRate × income (10 %): the surplus kept.</summary>
    [Id(4)] public required Money Retained { get; init; }

    /// <summary>income − spending − retained, at least 0.</summary>
    [Id(5)] public required Money Available { get; init; }

    [Id(6)] public required Money Entitled { get; init; }

    /// <summary>The entitlements, or <see cref="Available"/> when less (then each is scaled down pro rata).</summary>
    [Id(7)] public required Money Paid { get; init; }

    [Id(8)] public required int Persons { get; init; }
}
