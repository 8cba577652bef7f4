using Medisettle.Interfaces.Controls;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The review of one control flag (key: the flag id). A decision is committed once, durably, with its journal row;
/// a confirm then deducts the institution's points through <see cref="IInstitutionGrain.DeductPointsOnceAsync"/>
/// under the deduction id <c>flag:{flagId}</c>, so the points are deducted exactly once however often the confirm is
/// sent and whatever crashes in between (an unfinished deduction is finished when the grain next activates).
/// </summary>
public interface IFlagReviewGrain : IGrainWithStringKey
{
    /// <summary>The flag with its review, or null when no flag has this id.</summary>
    Task<FlagView?> GetAsync();

    /// <summary>Confirms the flag and deducts <paramref name="points"/> (1–12) from the flagged institution.</summary>
    Task<FlagReviewResult> ConfirmAsync(int points, string reason);

    /// <summary>Dismisses the flag; nothing else changes.</summary>
    Task<FlagReviewResult> DismissAsync(string reason);
}
