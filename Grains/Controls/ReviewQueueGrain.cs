using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Grains;
using Medisettle.Storage.Journal;
using Orleans.Concurrency;

namespace Medisettle.Grains.Controls;

/// <summary>
/// <see cref="IReviewQueueGrain"/>: a stateless worker that reads the flags (<c>flag:{institution}</c> streams) after the
/// query's sequence and joins the resolutions (<c>flagres:{institution}</c>). It reads the resolutions of the
/// institution asked for (or of all) and flags until the page is full: an operator query, not a hot path.
/// </summary>
[StatelessWorker]
public sealed class ReviewQueueGrain(IJournal journal) : Grain, IReviewQueueGrain
{
    /// <summary>Journal entries read per page.</summary>
    public const int PageSizeMax = 10_000;

    public async Task<FlagPage> ListFlagsAsync(FlagQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, FlagQuery.LimitMax, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.AfterSequence, nameof(query));
        var resolutions = new Dictionary<string, FlagResolution>(StringComparer.Ordinal);
        await foreach (var entry in ReadAsync(LedgerNames.FlagResolutionStreamPrefix, query.InstitutionCode, 0))
        {
            var resolution = LedgerJson.Deserialize<FlagResolution>(entry);
            resolutions[resolution.FlagId] = resolution;
        }

        var flags = new List<FlagView>();
        await foreach (var entry in ReadAsync(LedgerNames.FlagStreamPrefix, query.InstitutionCode, query.AfterSequence))
        {
            var flag = LedgerJson.Deserialize<ControlFlag>(entry);
            var view = new FlagView { Flag = flag, Resolution = resolutions.GetValueOrDefault(flag.FlagId), Sequence = entry.Sequence };
            if (Matches(view, query))
            {
                flags.Add(view);
                if (flags.Count == query.Limit)
                {
                    return new FlagPage { Flags = flags, NextAfter = entry.Sequence };
                }
            }
        }

        return new FlagPage { Flags = flags };
    }

    private static bool Matches(FlagView view, FlagQuery query) =>
        (query.Status is not { } status || view.Status == status)
        && (query.PersonId is not { } person || view.Flag.PersonId == person)
        && (query.Rule is not { } rule || view.Flag.Rule == rule);

    /// <summary>One institution's stream of the family, or every stream of it, after <paramref name="afterSequence"/>.</summary>
    private async IAsyncEnumerable<JournalEntry> ReadAsync(string prefix, string? institutionCode, long afterSequence)
    {
        var after = afterSequence;
        while (true)
        {
            var page = institutionCode is null
                ? await journal.ReadByStreamPrefixAsync(prefix, after, PageSizeMax)
                : await journal.ReadAsync(prefix + institutionCode, after, PageSizeMax);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSizeMax)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }
}
