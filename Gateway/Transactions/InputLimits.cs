namespace Medisettle.Gateway.Transactions;

/// <summary>Bounds on list sizes in a transaction input (from <see cref="GatewayOptions"/>).</summary>
public sealed record InputLimits(int FeeLinesMax, int DiagnosesMax, int ReconciliationLinesMax)
{
    public static InputLimits From(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.FeeLinesMax, options.DiagnosesMax, options.ReconciliationLinesMax);
    }
}
