namespace Medisettle.Interfaces.Settlement;

/// <summary>目录甲乙丙类 catalogue class of a fee line.</summary>
[GenerateSerializer]
public enum FeeClass
{
    /// <summary>甲类: fully in scope.</summary>
    ClassA,

    /// <summary>乙类: in scope after the pack's 先行自付 share.</summary>
    ClassB,

    /// <summary>丙类 / 自费: out of scope, paid in full by the person (全自费).</summary>
    ClassC,
}
