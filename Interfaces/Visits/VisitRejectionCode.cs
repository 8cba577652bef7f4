namespace Medisettle.Interfaces.Visits;

/// <summary>Why a visit operation was refused (nothing changed).</summary>
[GenerateSerializer]
public enum VisitRejectionCode
{
    /// <summary>No visit with that mdtrt_id was registered.</summary>
    UnknownVisit,
    /// <summary>The visit was registered by another institution, which alone may act on it.</summary>
    InstitutionMismatch,
    /// <summary>The request names another person than the visit's.</summary>
    PersonMismatch,
    /// <summary>The visit is settled or cancelled, so it cannot change.</summary>
    NotOpen,
    /// <summary>The operation does not fit the kind of visit (e.g. discharge of an outpatient visit).</summary>
    WrongVisitKind,
    /// <summary>A fee line serial number already uploaded, or repeated in one upload.</summary>
    DuplicateFeeLine,
    /// <summary>No uploaded fee line has that serial number or batch number.</summary>
    NoSuchFeeLine,
    /// <summary>The visit would hold more than the bound of fee lines.</summary>
    TooManyFeeLines,
    /// <summary>The message id was already used for a different operation on this visit.</summary>
    MessageConflict,
    /// <summary>The dates are inconsistent (discharge before admission).</summary>
    InvalidDate,
    /// <summary>
    /// The visit accepted as many changes as it remembers within the time a replay of one could still be let through;
    /// nothing changed, and the same request succeeds once the oldest of them are old enough.
    /// </summary>
    TooManyRecentChanges,
}
