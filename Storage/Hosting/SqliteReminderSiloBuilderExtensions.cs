using Medisettle.Storage.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Medisettle.Storage.Hosting;

/// <summary>Registers Orleans' reminder service with its table in a SQLite database (<see cref="SqliteReminderTable"/>).</summary>
public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>
    /// Reminders kept durably in the SQLite database <paramref name="configure"/> names (the silo's own database:
    /// connection settings as the grain storage's, <see cref="SqliteStorageOptions"/>). For a single silo or silos of one
    /// machine sharing the file.
    /// </summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteStorageOptions();
        configure(options);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(sp => new SqliteReminderTable(options, sp.GetRequiredService<IOptions<ClusterOptions>>()));
        return builder;
    }
}
