using System.Text.Json;

namespace Medisettle.Interfaces.Platform;

/// <summary>
/// The national platform (国家医保信息平台) request envelope an institution's system (HIS) sends.
/// <see cref="Input"/> holds the transaction's input; its shape depends on <see cref="Infno"/>.
/// </summary>
public sealed record PlatformRequest
{
    /// <summary>交易编号, four digits, e.g. "2207".</summary>
    public required string Infno { get; init; }

    /// <summary>报文ID: fixmedins_code + yyyyMMddHHmmss + 4-digit sequence; at most 30 of [A-Za-z0-9].</summary>
    public required string Msgid { get; init; }

    /// <summary>就医地医保区划.</summary>
    public required string MdtrtareaAdmvs { get; init; }

    /// <summary>参保地医保区划.</summary>
    public string? InsuplcAdmdvs { get; init; }

    public required string RecerSysCode { get; init; }

    public string? DevNo { get; init; }

    public string? DevSafeInfo { get; init; }

    public string? Cainfo { get; init; }

    public string? Signtype { get; init; }

    public required string Infver { get; init; }

    public required string OpterType { get; init; }

    public required string Opter { get; init; }

    public required string OpterName { get; init; }

    /// <summary>交易时间, "yyyy-MM-dd HH:mm:ss".</summary>
    public required string InfTime { get; init; }

    /// <summary>定点医药机构编号; must be the authenticated institution.</summary>
    public required string FixmedinsCode { get; init; }

    public required string FixmedinsName { get; init; }

    /// <summary>签到编号 from 9001.</summary>
    public string? SignNo { get; init; }

    public required JsonElement Input { get; init; }
}
