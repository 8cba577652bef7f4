using System.Net;
using System.Text.Json.Nodes;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>An HTTP status and the parsed JSON body.</summary>
public sealed record Answer(HttpStatusCode Status, JsonNode Body)
{
    public int Infcode => Body["infcode"]!.GetValue<int>();

    public string ErrMsg => Body["err_msg"]?.GetValue<string>() ?? "";

    public JsonNode Output => Body["output"] ?? throw new InvalidOperationException($"no output: {Body.ToJsonString()}");

    public JsonNode Setlinfo => Output["setlinfo"]!;

    public decimal Amount(string field) => Setlinfo[field]!.GetValue<decimal>();

    public string Text(string field) => Setlinfo[field]!.GetValue<string>();
}
