namespace Medisettle.Grains.Policy;

/// <summary>How often a deductible (起付线) is charged for a visit type.</summary>
public enum DeductibleMode
{
    /// <summary>No deductible for this visit type.</summary>
    None,

    /// <summary>Each settlement (each admission, each outpatient visit) pays the full deductible.</summary>
    PerVisit,

    /// <summary>Charged once per benefit year (门诊大病); later visits pay what is still unmet.</summary>
    OncePerYear,
}
