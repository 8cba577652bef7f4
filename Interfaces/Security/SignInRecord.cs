namespace Medisettle.Interfaces.Security;

/// <summary>One 9001 签到 (sign-in) of an institution, as first answered.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SignInRecord
{
    /// <summary>The msgid of the 9001 request that opened it; a retry with this msgid gets this same record.</summary>
    [Id(0)] public required string MessageId { get; init; }

    /// <summary>签到编号 sign_no: 32 random lowercase hex characters.</summary>
    [Id(1)] public required string SignNo { get; init; }

    [Id(2)] public required string OpterNo { get; init; }

    [Id(3)] public required DateTimeOffset SignedInAt { get; init; }
}
