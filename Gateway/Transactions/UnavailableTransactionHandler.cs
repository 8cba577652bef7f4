using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// Stands in for a transaction whose real handler is not registered yet: checks the input like the
/// real one will, then refuses with infcode -1. Never invents a result.
/// </summary>
internal sealed class UnavailableTransactionHandler<TInput, TOutput>(TransactionContract<TInput, TOutput> contract)
    : TransactionHandler<TInput, TOutput>(contract)
    where TInput : class
    where TOutput : class
{
    protected override ValueTask<HandlerOutcome<TOutput>> ExecuteAsync(TransactionRequest<TInput> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(HandlerOutcome<TOutput>.Reject(Infcodes.BusinessRejection, $"transaction {Infno} is not available yet"));
}
