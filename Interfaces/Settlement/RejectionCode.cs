namespace Medisettle.Interfaces.Settlement;

/// <summary>Why a settlement was refused. Every refusal is a result, never an exception.</summary>
[GenerateSerializer]
public enum RejectionCode
{
    /// <summary>空刷: a settlement without fee lines.</summary>
    EmptySwipe,

    /// <summary>A fee line is malformed (negative amount or price limit, blank code).</summary>
    InvalidFeeLine,

    /// <summary>The visit itself is inconsistent (e.g. admitted after the settlement date).</summary>
    InvalidVisit,

    /// <summary>The fee lines do not add up to the declared total.</summary>
    FeeTotalMismatch,

    /// <summary>The institution's agreement is suspended.</summary>
    InstitutionSuspended,

    /// <summary>The institution's designation is revoked.</summary>
    InstitutionRevoked,

    /// <summary>The institution is not networked (联网) on the settlement date.</summary>
    InstitutionNotNetworked,

    /// <summary>异地: the insured region may not settle at the institution's region on that date.</summary>
    OffsitePairNotEnabled,

    /// <summary>No policy pack covers the person's region, scheme and date.</summary>
    NoApplicablePack,

    /// <summary>The pack exists but has no rule for this situation (the message names both).</summary>
    MissingRule,

    /// <summary>The person is not enrolled on the date (before enrolment or after it ended).</summary>
    NotEnrolled,

    /// <summary>The person's benefits are suspended.</summary>
    BenefitsSuspended,

    /// <summary>等待期: the date is inside the waiting period after payment.</summary>
    WaitingPeriod,

    /// <summary>The visit type (or disease) is not covered for the person's category: fund 0.</summary>
    NotCovered,

    /// <summary>A special-disease visit without that disease's certificate.</summary>
    NoSpecialDiseaseCertificate,

    /// <summary>长处方: a chronic prescription beyond the pack's maximum supply days; flagged.</summary>
    PrescriptionTooLong,

    /// <summary>Goods the personal account may not buy (cosmetics, food, supplements); flagged.</summary>
    NonInsuredGoods,

    /// <summary>The person is not known to the system (never enrolled).</summary>
    UnknownPerson,

    /// <summary>The institution is not registered.</summary>
    UnknownInstitution,

    /// <summary>The visit (mdtrt_id) already has a settlement that was not cancelled.</summary>
    VisitAlreadySettled,

    /// <summary>No settlement with that id exists for this person.</summary>
    SettlementNotFound,

    /// <summary>The settlement was already cancelled (by another message).</summary>
    SettlementAlreadyCancelled,

    /// <summary>The settlement belongs to another institution, which alone may cancel it.</summary>
    InstitutionMismatch,

    /// <summary>The settlement is older than the cancel window (SettlementOptions.CancelWindowYears).</summary>
    CancelWindowClosed,

    /// <summary>The msgid was already used by this institution for a different request (another person, amount or kind); nothing changed.</summary>
    MessageIdConflict,

    /// <summary>串换: a line's catalogue class or unit price limit disagrees with what is declared (pack rule with action Refuse); flagged.</summary>
    ItemSwapping,

    /// <summary>重复购药: the same catalogue code bought again within an earlier purchase's supply days (action Refuse); flagged.</summary>
    DuplicatePurchase,

    /// <summary>Person velocity: more settled swipes at more institutions within the pack's window than its hard limit; flagged.</summary>
    PersonVelocity,

    /// <summary>The insured region the client declared (insuplc_admdvs) is not the person's.</summary>
    RegionMismatch,
}
