namespace Medisettle.Interfaces.Jobs;

/// <summary>One person's 二次补偿: the band of the year's in-policy self-pay at the pack rate, scaled down pro rata when the surplus is short.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CompensationLine
{
    [Id(0)] public required string PersonId { get; init; }

    /// <summary>The pooled fund that pays (<c>FundPoolKey</c> string).</summary>
    [Id(1)] public required string Fund { get; init; }

    /// <summary>The year's in-policy self-pay after reimbursement of the person's inpatient stays (in scope − every fund's payment).</summary>
    [Id(2)] public required Money SelfPay { get; init; }

    /// <summary>rate × the part of <see cref="SelfPay"/> between the band's bounds.</summary>
    [Id(3)] public required Money Entitlement { get; init; }

    /// <summary>What is paid: the entitlement, or its pro-rata share of what the fund has available.</summary>
    [Id(4)] public required Money Paid { get; init; }
}
