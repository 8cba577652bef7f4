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

    /// <inheritdoc/>
    public virtual RepeatEffect RepeatEffect => RepeatEffect.Unknown;

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

    /// <summary>
    /// Digest of the request as a retry must repeat it: the transaction code and the input re-serialized in its
    /// canonical form (field order and white space do not matter). The person grain keeps it with the first answer,
    /// so a msgid reused for a different request is told apart from a retry.
    /// </summary>
    protected string RequestDigest(TransactionRequest<TInput> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var canonical = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request.Input, Contract.Input);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Infno + "\n"));
        hash.AppendData(canonical);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Carries out the transaction. Expected refusals are <see cref="HandlerOutcome{TOutput}.Reject(string)"/>, not exceptions.</summary>
    protected abstract ValueTask<HandlerOutcome<TOutput>> ExecuteAsync(TransactionRequest<TInput> request, CancellationToken cancellationToken);
}
