using System.Globalization;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway;

/// <summary>Checks <see cref="GatewayOptions"/> at start; each message names the option and the bad value.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckRange(failures, nameof(options.ReplayWindow), options.ReplayWindow, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        CheckRange(failures, nameof(options.RequestBodyBytesMax), options.RequestBodyBytesMax, 1024, 64 * 1024 * 1024);
        CheckRange(failures, nameof(options.ReplayCheckTimeout), options.ReplayCheckTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60));
        CheckRange(failures, nameof(options.TransactionsInFlightMax), options.TransactionsInFlightMax, 1, 100_000);
        CheckRange(failures, nameof(options.AdmissionLatencyTarget), options.AdmissionLatencyTarget, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        CheckRange(failures, nameof(options.ReplayCacheEntriesMax), options.ReplayCacheEntriesMax, 1, 100_000_000);
        CheckRange(failures, nameof(options.FeeLinesMax), options.FeeLinesMax, 1, 100_000);
        CheckRange(failures, nameof(options.DiagnosesMax), options.DiagnosesMax, 1, 1000);
        CheckRange(failures, nameof(options.ReconciliationLinesMax), options.ReconciliationLinesMax, 1, 1_000_000);
        CheckRange(failures, nameof(options.WireUtcOffset), options.WireUtcOffset, TimeSpan.FromHours(-14), TimeSpan.FromHours(14));
        if (options.WireUtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            failures.Add($"GatewayOptions.WireUtcOffset must be whole minutes; got {options.WireUtcOffset}.");
        }

        if (options.AdminToken is null || options.AdminToken.Length < GatewayOptions.AdminTokenLengthMin)
        {
            failures.Add(
                $"GatewayOptions.AdminToken must have at least {GatewayOptions.AdminTokenLengthMin} characters; " +
                $"got {(options.AdminToken is null ? "none" : options.AdminToken.Length.ToString(CultureInfo.InvariantCulture) + " characters")}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange<T>(List<string> failures, string option, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"GatewayOptions.{option} must be between {min} and {max}; got {value}."));
        }
    }
}
