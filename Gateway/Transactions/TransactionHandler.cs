namespace Medisettle.Gateway.Transactions;

/// <summary>
/// Base for a transaction handler with typed input and output. The base parses the envelope's
/// input with the contract's source-generated metadata, runs the contract's checks, and answers
/// bad input itself; <see cref="ExecuteAsync"/> only ever sees a valid input.
/// </summary>
public abstract class TransactionHandler<TInput, TOutput> : ITransactionHandler
    where TInput : class
    where TOutput : class
{
    protected TransactionHandler(TransactionContract<TInput, TOutput> contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        Contract = contract;
    }

    public TransactionContract<TInput, TOutput> Contract { get; }

    public string Infno => Contract.Infno;

    public async ValueTask<EnvelopeResult> HandleAsync(TransactionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Contract.TryRead(context.Envelope.Input, context.Limits, out var input) is { } failure)
        {
            return failure;
        }

        var outcome = await ExecuteAsync(new TransactionRequest<TInput>(context, input!), cancellationToken);
        return outcome.Output is { } output
            ? EnvelopeResult.Success(System.Text.Json.JsonSerializer.SerializeToElement(output, Contract.Output), outcome.WarnMsg)
            : EnvelopeResult.Failure(outcome.Infcode, outcome.ErrMsg!);
    }

    /// <summary>Carries out the transaction. Expected refusals are <see cref="HandlerOutcome{TOutput}.Reject(string)"/>, not exceptions.</summary>
    protected abstract ValueTask<HandlerOutcome<TOutput>> ExecuteAsync(TransactionRequest<TInput> request, CancellationToken cancellationToken);
}
