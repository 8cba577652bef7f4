using Microsoft.Extensions.Options;

namespace Medisettle.Storage.Hosting;

internal sealed class StorageOptionsValidator : IValidateOptions<SqliteStorageOptions>, IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        var failures = new List<string>();
        options.Validate(nameof(SqliteStorageOptions), failures);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add($"SqliteStorageOptions.DatabasePath must be set; it is '{options.DatabasePath}'.");
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            failures.Add($"SqliteStorageOptions.BusyTimeout must not be negative; it is {options.BusyTimeout}.");
        }

        if (options.BackgroundCheckpointInterval < TimeSpan.Zero || options.BackgroundCheckpointInterval > TimeSpan.FromSeconds(10))
        {
            failures.Add($"SqliteStorageOptions.BackgroundCheckpointInterval must be 0 (checkpoints in the commits) to 10 s; it is {options.BackgroundCheckpointInterval}.");
        }

        if (options.StreamIndexFlushInterval < TimeSpan.FromMilliseconds(100) || options.StreamIndexFlushInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"SqliteStorageOptions.StreamIndexFlushInterval must be 100 ms to 1 min; it is {options.StreamIndexFlushInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var failures = new List<string>();
        options.Validate(nameof(PostgresStorageOptions), failures);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("PostgresStorageOptions.ConnectionString must be set; it is empty.");
        }

        if (options.IdleInTransactionTimeout < TimeSpan.FromSeconds(1) || options.IdleInTransactionTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"PostgresStorageOptions.IdleInTransactionTimeout must be 1 s to 5 min; it is {options.IdleInTransactionTimeout}.");
        }

        if (options.JournalSafePointWaitMax < TimeSpan.Zero || options.JournalSafePointWaitMax > TimeSpan.FromSeconds(10))
        {
            failures.Add($"PostgresStorageOptions.JournalSafePointWaitMax must be 0 to 10 s; it is {options.JournalSafePointWaitMax}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
