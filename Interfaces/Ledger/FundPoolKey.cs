using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// A fund pool (基金) is identified by insured region × scheme × fund. The key string
/// <c>{region}:{scheme}:{fund}</c> is the fund pool grain's key and its ledger account name.
/// </summary>
[GenerateSerializer]
[Immutable]
public readonly record struct FundPoolKey(string Region, Scheme Scheme, string Fund)
{
    /// <summary>The aggregate personal-account (个人账户) pool's fund name.</summary>
    public const string PersonalAccountFund = "PersonalAccount";

    /// <summary>The risk reserve (风险储备金) pool's fund name: its income is what the year-end job set aside.</summary>
    public const string RiskReserveFund = "RiskReserve";

    /// <summary>
    /// The insurer cooperation's risk account (风险防范专户) pool's fund name: its income is the risk fund, the insurer's
    /// claims and settlements; its spending the premiums.
    /// </summary>
    public const string InsurerRiskAccountFund = "InsurerRiskAccount";

    public static FundPoolKey For(string region, Scheme scheme, FundType fund) => new(region, scheme, fund.ToString());

    public static FundPoolKey PersonalAccount(string region, Scheme scheme) => new(region, scheme, PersonalAccountFund);

    public static FundPoolKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(':');
        if (parts.Length != 3 || !Enum.TryParse<Scheme>(parts[1], out var scheme) || parts[0].Length == 0 || parts[2].Length == 0)
        {
            throw new FormatException($"'{key}' is not a fund pool key of the form region:scheme:fund.");
        }

        return new FundPoolKey(parts[0], scheme, parts[2]);
    }

    public override string ToString() => $"{Region}:{Scheme}:{Fund}";
}
