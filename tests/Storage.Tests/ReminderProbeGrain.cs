using System.Collections.Concurrent;

namespace Medisettle.Storage.Tests;

/// <summary>Registers, finds and removes Orleans reminders, for the ADO.NET reminder tests.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>The reminder's name, or null when the grain has no reminder of that name.</summary>
    Task<string?> FindAsync(string reminderName);

    Task<bool> UnregisterAsync(string reminderName);
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    /// <summary>Ticks received per <c>{grain key}/{reminder name}</c>, by any silo of the process.</summary>
    public static ConcurrentDictionary<string, int> Ticks { get; } = new(StringComparer.Ordinal);

    public Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task<string?> FindAsync(string reminderName) => (await this.GetReminder(reminderName))?.ReminderName;

    public async Task<bool> UnregisterAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is null)
        {
            return false;
        }

        await this.UnregisterReminder(reminder);
        return true;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate($"{this.GetPrimaryKeyString()}/{reminderName}", 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
