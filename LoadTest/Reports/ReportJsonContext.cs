using System.Text.Json.Serialization;

namespace Medisettle.LoadTest.Reports;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunReport))]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
