namespace Medisettle.Gateway.Transactions;

/// <summary>The untyped view of a <see cref="TransactionContract{TInput, TOutput}"/>.</summary>
internal interface ITransactionContract
{
    string Infno { get; }

    string Name { get; }

    ITransactionHandler CreateUnavailableHandler();
}
