namespace Medisettle.Interfaces.Controls;

/// <summary>Which flags to list: every filter is optional; oldest first, after a journal sequence.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FlagQuery
{
    /// <summary>Most flags one listing returns.</summary>
    public const int LimitMax = 1_000;

    [Id(0)] public FlagStatus? Status { get; init; }

    [Id(1)] public string? InstitutionCode { get; init; }

    [Id(2)] public string? PersonId { get; init; }

    [Id(3)] public ControlRule? Rule { get; init; }

    /// <summary>Only flags with a journal sequence above this (the previous page's <see cref="FlagPage.NextAfter"/>).</summary>
    [Id(4)] public long AfterSequence { get; init; }

    [Id(5)] public int Limit { get; init; } = 100;
}
