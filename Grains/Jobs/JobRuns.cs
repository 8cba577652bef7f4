using Medisettle.Grains.Ledger;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Jobs;

/// <summary>What the fund job grains share to list their completed runs: each run is one entry of the job's run stream.</summary>
internal static class JobRuns
{
    private const int ReadPageMax = 4096;

    /// <summary>Every run of <paramref name="stream"/> that <paramref name="keep"/> accepts, in journal order.</summary>
    public static async Task<List<TRun>> ReadAsync<TRun>(IJournal journal, string stream, Func<TRun, bool> keep)
    {
        var runs = new List<TRun>();
        long after = 0;
        while (await journal.ReadAsync(stream, after, ReadPageMax) is { Count: > 0 } page)
        {
            runs.AddRange(page.Select(e => LedgerJson.Deserialize<TRun>(e)).Where(keep));
            after = page[^1].Sequence;
        }

        return runs;
    }
}
