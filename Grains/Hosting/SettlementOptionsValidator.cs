using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Hosting;

/// <summary>Validates <see cref="SettlementOptions"/> at start, naming the option and the bad value.</summary>
internal sealed class SettlementOptionsValidator : IValidateOptions<SettlementOptions>
{
    public ValidateOptionsResult Validate(string? name, SettlementOptions options)
    {
        var errors = new List<string>();
        if (!Directory.Exists(options.PacksDirectory))
        {
            errors.Add($"SettlementOptions.PacksDirectory '{options.PacksDirectory}' does not exist.");
        }

        if (options.RecentMessagesMax is < 1 or > 10_000)
        {
            errors.Add($"SettlementOptions.RecentMessagesMax must be 1..10000, not {options.RecentMessagesMax}.");
        }

        if (options.PersonCheckpointEvery is < 0 or > 10_000)
        {
            errors.Add($"SettlementOptions.PersonCheckpointEvery must be 0..10000 (0 = write the person's row with every settlement), not {options.PersonCheckpointEvery}.");
        }

        if (options.CancelWindowYears is < 1 or > 10)
        {
            errors.Add($"SettlementOptions.CancelWindowYears must be 1..10, not {options.CancelWindowYears}.");
        }

        if (options.DispatchConcurrencyMax is < 1 or > 10_000)
        {
            errors.Add($"SettlementOptions.DispatchConcurrencyMax must be 1..10000, not {options.DispatchConcurrencyMax}.");
        }

        if (options.DispatchBatchMax is < 1 or > 100_000)
        {
            errors.Add($"SettlementOptions.DispatchBatchMax must be 1..100000, not {options.DispatchBatchMax}.");
        }

        if (options.DispatchIdleDelay <= TimeSpan.Zero || options.DispatchIdleDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"SettlementOptions.DispatchIdleDelay must be in (0, 1 min], not {options.DispatchIdleDelay}.");
        }

        if (options.DailyTotalsDaysMax is < 1 or > 3_660)
        {
            errors.Add($"SettlementOptions.DailyTotalsDaysMax must be 1..3660, not {options.DailyTotalsDaysMax}.");
        }

        if (options.ReceivableDaysMax is < 1 or > 3_660)
        {
            errors.Add($"SettlementOptions.ReceivableDaysMax must be 1..3660, not {options.ReceivableDaysMax}.");
        }

        if (options.PolicyRefreshInterval < TimeSpan.FromSeconds(1) || options.PolicyRefreshInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"SettlementOptions.PolicyRefreshInterval must be in [1 s, 1 h], not {options.PolicyRefreshInterval}.");
        }

        foreach (var (option, value) in new[]
        {
            (nameof(options.InstitutionCacheDuration), options.InstitutionCacheDuration),
            (nameof(options.ReplaySlotIdleTimeout), options.ReplaySlotIdleTimeout),
            (nameof(options.VisitIdleTimeout), options.VisitIdleTimeout),
        })
        {
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromMinutes(10))
            {
                errors.Add($"SettlementOptions.{option} must be in [1 s, 10 min], not {value}.");
            }
        }

        if (options.VisitMessageRetention < TimeSpan.FromMinutes(1) || options.VisitMessageRetention > TimeSpan.FromDays(1))
        {
            errors.Add($"SettlementOptions.VisitMessageRetention must be in [1 min, 1 day], not {options.VisitMessageRetention}.");
        }

        if (options.DailyCloseTime < TimeSpan.Zero || options.DailyCloseTime >= TimeSpan.FromDays(1))
        {
            errors.Add($"SettlementOptions.DailyCloseTime must be a time of day in [00:00, 24:00), not {options.DailyCloseTime}.");
        }

        if (options.BusinessUtcOffset < TimeSpan.FromHours(-14) || options.BusinessUtcOffset > TimeSpan.FromHours(14) || options.BusinessUtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add($"SettlementOptions.BusinessUtcOffset must be whole minutes in [-14 h, +14 h], not {options.BusinessUtcOffset}.");
        }

        if (options.MonthlyPayoutTime < TimeSpan.Zero || options.MonthlyPayoutTime >= TimeSpan.FromDays(1))
        {
            errors.Add($"SettlementOptions.MonthlyPayoutTime must be a time of day in [00:00, 24:00), not {options.MonthlyPayoutTime}.");
        }

        if (options.YearEndJobsDelay < TimeSpan.Zero || options.YearEndJobsDelay > TimeSpan.FromDays(365))
        {
            errors.Add($"SettlementOptions.YearEndJobsDelay must be 0 to 365 days, not {options.YearEndJobsDelay}.");
        }

        if (options.FundJobInstitutionsMax is < 1 or > 10_000_000)
        {
            errors.Add($"SettlementOptions.FundJobInstitutionsMax must be 1..10000000, not {options.FundJobInstitutionsMax}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
