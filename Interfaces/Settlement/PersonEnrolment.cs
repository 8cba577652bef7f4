
namespace Medisettle.Interfaces.Settlement;

/// <summary>Enrols (or updates) an insured person. The opening account balance applies only on first enrolment.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PersonEnrolment
{
    [Id(0)] public required PersonProfile Profile { get; init; }

    /// <summary>个人账户 opening balance (employees); ignored when the person already exists.</summary>
    [Id(1)] public Money OpeningAccountBalance { get; init; }
}
