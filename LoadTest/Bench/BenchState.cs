namespace Medisettle.LoadTest.Bench;

public sealed class BenchState
{
    public long Count { get; set; }

    public string Note { get; set; } = "benchmark state of a typical small grain";
}
