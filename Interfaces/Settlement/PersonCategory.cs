namespace Medisettle.Interfaces.Settlement;

/// <summary>人员类别 person category inside a scheme; packs state rules per category.</summary>
[GenerateSerializer]
public enum PersonCategory
{
    /// <summary>在职 employed (employee scheme).</summary>
    Employed,

    /// <summary>退休 retired (employee scheme).</summary>
    Retired,

    /// <summary>离休 veteran cadre (employee scheme).</summary>
    Veteran,

    /// <summary>成年非从业居民 adult non-working resident.</summary>
    AdultResident,

    /// <summary>学生儿童 pupil or child (中小学生、少年儿童, incl. 职高/中专/技校).</summary>
    StudentChild,

    /// <summary>大学生 university student.</summary>
    UniversityStudent,
}
