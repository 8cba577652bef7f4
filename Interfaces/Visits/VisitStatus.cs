namespace Medisettle.Interfaces.Visits;

/// <summary>State of a registered visit (就诊).</summary>
[GenerateSerializer]
public enum VisitStatus
{
    /// <summary>Registered; fees may be uploaded and withdrawn, the visit settled.</summary>
    Open,
    /// <summary>Settled (结算): fee lines are frozen until the settlement is cancelled.</summary>
    Settled,
    /// <summary>Registration cancelled (挂号撤销); nothing more may happen.</summary>
    Cancelled,
}
