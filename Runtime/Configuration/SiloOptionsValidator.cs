using Microsoft.Extensions.Options;

namespace Medisettle.Runtime.Configuration;

internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (options.PartitionCount is < 1 or > 1_000_000)
        {
            failures.Add($"SiloOptions.PartitionCount must be between 1 and 1,000,000; it is {options.PartitionCount}.");
        }

        if (options.ActivationIdleAge <= TimeSpan.Zero)
        {
            failures.Add($"SiloOptions.ActivationIdleAge must be positive; it is {options.ActivationIdleAge}.");
        }

        if (options.CollectionInterval <= TimeSpan.Zero)
        {
            failures.Add($"SiloOptions.CollectionInterval must be positive; it is {options.CollectionInterval}.");
        }

        if (options.ActivationCountMax < 1)
        {
            failures.Add($"SiloOptions.ActivationCountMax must be at least 1; it is {options.ActivationCountMax}.");
        }

        if (options.MailboxCapacityMax < 1)
        {
            failures.Add($"SiloOptions.MailboxCapacityMax must be at least 1; it is {options.MailboxCapacityMax}.");
        }

        if (options.CallTimeout <= TimeSpan.Zero && options.CallTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"SiloOptions.CallTimeout must be positive or infinite; it is {options.CallTimeout}.");
        }

        if (options.DeactivationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"SiloOptions.DeactivationTimeout must be positive; it is {options.DeactivationTimeout}.");
        }

        if (options.StateSerializerOptions is null)
        {
            failures.Add("SiloOptions.StateSerializerOptions must be set; it is null.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
