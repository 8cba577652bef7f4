namespace Medisettle.Gateway.Transactions;

/// <summary>A transaction with its typed input, already checked against its contract.</summary>
public sealed record TransactionRequest<TInput>(TransactionContext Context, TInput Input)
    where TInput : class;
