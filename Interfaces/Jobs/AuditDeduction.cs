namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// 审核扣款 an audit deduction: an amount the fund's reviewers found not payable (a claim failing review, a confirmed
/// control-rule finding priced by the reviewer) and withhold from one fund's payment to one institution in the monthly
/// payout of <see cref="Month"/>. Entered by an administrator; journal entry <c>deduction:{DeductionId}</c>, once.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AuditDeduction
{
    /// <summary>The client's id of the deduction (1–64 ASCII letters, digits, '-', '_'): entering it again changes nothing.</summary>
    [Id(0)] public required string DeductionId { get; init; }

    [Id(1)] public required string InstitutionCode { get; init; }

    /// <summary>The fund pool that withholds it (its <c>FundPoolKey</c> string).</summary>
    [Id(2)] public required string Fund { get; init; }

    [Id(3)] public required BusinessMonth Month { get; init; }

    /// <summary>Positive.</summary>
    [Id(4)] public required Money Amount { get; init; }

    [Id(5)] public required string Reason { get; init; }

    /// <summary>When it was recorded (set by the job grain).</summary>
    [Id(6)] public DateTimeOffset RecordedAt { get; init; }

    /// <summary>Most characters of <see cref="DeductionId"/>.</summary>
    public const int DeductionIdLengthMax = 64;

    /// <summary>Whether <paramref name="id"/> has the shape of a deduction id.</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: > 0 and <= DeductionIdLengthMax } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Whether <paramref name="other"/> asks for the same deduction (all but the time recorded).</summary>
    public bool SameAs(AuditDeduction other) => other is not null && this with { RecordedAt = default } == other with { RecordedAt = default };
}
