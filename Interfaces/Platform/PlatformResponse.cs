using System.Text.Json;

namespace Medisettle.Interfaces.Platform;

/// <summary>
/// The national platform response envelope. <see cref="Infcode"/> 0 is success; anything else is a
/// failure explained by <see cref="ErrMsg"/> (codes in <see cref="Infcodes"/>).
/// </summary>
public sealed record PlatformResponse
{
    public required int Infcode { get; init; }

    /// <summary>接收方报文ID: the id the gateway gave this exchange.</summary>
    public required string InfRefmsgid { get; init; }

    /// <summary>When the request was received, "yyyy-MM-dd HH:mm:ss.fff".</summary>
    public required string RefmsgTime { get; init; }

    /// <summary>When the answer was produced, "yyyy-MM-dd HH:mm:ss.fff".</summary>
    public required string RespondTime { get; init; }

    public string? ErrMsg { get; init; }

    public string? WarnMsg { get; init; }

    public JsonElement? Output { get; init; }
}
