namespace Medisettle.Interfaces.Settlement;

/// <summary>Kind of goods or service on a fee line; the personal-account rules key on it.</summary>
[GenerateSerializer]
public enum ItemKind
{
    /// <summary>Medical service, examination, bed or anything not otherwise listed.</summary>
    Service,

    /// <summary>国药准字 approved drug.</summary>
    ApprovedDrug,

    /// <summary>中药饮片 Chinese herbal pieces.</summary>
    ChineseHerbalPieces,

    /// <summary>械字号 medical device.</summary>
    MedicalDevice,

    /// <summary>卫消字 disinfectant.</summary>
    Disinfectant,

    /// <summary>化妆品 cosmetic (never payable from the account).</summary>
    Cosmetic,

    /// <summary>食品 food (never payable from the account).</summary>
    Food,

    /// <summary>保健品 supplement (never payable from the account).</summary>
    Supplement,
}
