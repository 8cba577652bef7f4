namespace Medisettle.Gateway.Operations;

/// <summary>A fund pool on the operator page, amounts in fen.</summary>
public sealed record OperatorFund(string Key, long IncomeFen, long SpendingFen, long BalanceFen, int PostingsApplied);
