namespace Medisettle.Gateway.Validation;

/// <summary>mdtrt_cert_type 就诊凭证类型 codes of the national platform.</summary>
internal static class WireCertificateTypes
{
    /// <summary>01 医保电子凭证 e-certificate token.</summary>
    public const string ElectronicToken = "01";

    /// <summary>02 居民身份证 the ID number; here the person's psn_no.</summary>
    public const string IdNumber = "02";

    /// <summary>03 社会保障卡 social-security card number.</summary>
    public const string SocialSecurityCard = "03";
}
