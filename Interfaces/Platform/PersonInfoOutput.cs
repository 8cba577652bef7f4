namespace Medisettle.Interfaces.Platform;

/// <summary>1101 output: the person, their insurance enrolments and identities.</summary>
public sealed record PersonInfoOutput
{
    public required PersonBaseInfo Baseinfo { get; init; }

    public required IReadOnlyList<PersonInsuranceInfo> Insuinfo { get; init; }

    public required IReadOnlyList<PersonIdentityInfo> Idetinfo { get; init; }
}
