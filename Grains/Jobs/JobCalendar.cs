namespace Medisettle.Grains.Jobs;

/// <summary>
/// The fund jobs' calendar: business dates at <see cref="SettlementOptions.BusinessUtcOffset"/>, the daily reminder tick
/// at a local time of day, and when a year-end job may run last year.
/// </summary>
internal static class JobCalendar
{
    /// <summary>Today's date at the business offset.</summary>
    public static DateOnly Today(TimeProvider time, SettlementOptions options) =>
        DateOnly.FromDateTime(time.GetUtcNow().ToOffset(options.BusinessUtcOffset).Date);

    /// <summary>Registers (or moves) <paramref name="reminderName"/> to tick every day at <paramref name="timeOfDay"/>, local time.</summary>
    public static async Task RegisterDailyTickAsync(Grain grain, string reminderName, TimeProvider time, SettlementOptions options, TimeSpan timeOfDay)
    {
        var now = time.GetUtcNow().ToOffset(options.BusinessUtcOffset);
        var next = new DateTimeOffset(now.Date, now.Offset) + timeOfDay;
        if (next <= now)
        {
            next = next.AddDays(1);
        }

        await grain.RegisterOrUpdateReminder(reminderName, next - now, TimeSpan.FromDays(1));
    }

    /// <summary>True once <see cref="SettlementOptions.YearEndJobsDelay"/> has passed since 1 January of <paramref name="today"/>'s year.</summary>
    public static bool YearEndJobsDue(DateOnly today, SettlementOptions options) =>
        today.DayNumber - new DateOnly(today.Year, 1, 1).DayNumber >= (int)options.YearEndJobsDelay.TotalDays;
}
