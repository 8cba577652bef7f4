namespace Medisettle.Gateway.Transactions;

/// <summary>
/// Handles one national-platform transaction code. Derive from
/// <see cref="TransactionHandler{TInput, TOutput}"/> to get the typed, validated input, and
/// register with <c>services.AddTransactionHandler&lt;T&gt;()</c>.
/// </summary>
public interface ITransactionHandler
{
    /// <summary>The transaction code (交易编号) handled, e.g. "2207".</summary>
    string Infno { get; }

    /// <summary>What a repeat of a request could change; <see cref="RepeatEffect.Unknown"/> unless the handler says.</summary>
    RepeatEffect RepeatEffect => RepeatEffect.Unknown;

    ValueTask<EnvelopeResult> HandleAsync(TransactionContext context, CancellationToken cancellationToken);
}
