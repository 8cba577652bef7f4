namespace Medisettle.LoadTest.Workload;

/// <summary>What one arrival does.</summary>
public enum SwipeKind
{
    /// <summary>2102 药店结算: an employee buys drugs at a pharmacy, paid from the personal account and cash.</summary>
    Pharmacy,

    /// <summary>2206 pre-settle then 2207 settle of an outpatient visit (employees: ordinary; residents: 门诊大病).</summary>
    Outpatient,

    /// <summary>2304 inpatient settlement at a hospital.</summary>
    Inpatient,

    /// <summary>2208 cancel of a settlement acknowledged earlier in the run (by the institution that made it).</summary>
    Cancel,

    /// <summary>A settlement request re-sent with the same msgid; must return the first answer.</summary>
    Retry,
}
