namespace Medisettle.Gateway.Operations;

/// <summary>A silo of the cluster on the operator page (from <c>IManagementGrain</c>).</summary>
public sealed record OperatorSilo(string Address, string Status, int Activations);
