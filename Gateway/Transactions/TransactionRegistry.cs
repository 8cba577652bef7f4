using System.Collections.Frozen;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// The handlers by infno: every registered <see cref="ITransactionHandler"/>, and for each known
/// transaction code without one, a handler that answers "not available yet".
/// </summary>
internal sealed class TransactionRegistry
{
    private readonly FrozenDictionary<string, ITransactionHandler> handlers;
    private readonly FrozenSet<string> available;

    public TransactionRegistry(IEnumerable<ITransactionHandler> registered)
    {
        var byInfno = new Dictionary<string, ITransactionHandler>(StringComparer.Ordinal);
        foreach (var handler in registered)
        {
            if (!byInfno.TryAdd(handler.Infno, handler))
            {
                throw new InvalidOperationException(
                    $"Two transaction handlers are registered for infno {handler.Infno}: {byInfno[handler.Infno].GetType().Name} and {handler.GetType().Name}.");
            }
        }

        available = byInfno.Keys.ToFrozenSet(StringComparer.Ordinal);
        foreach (var contract in TransactionContracts.All)
        {
            byInfno.TryAdd(contract.Infno, contract.CreateUnavailableHandler());
        }

        handlers = byInfno.ToFrozenDictionary(StringComparer.Ordinal);
        Names = TransactionContracts.All.ToFrozenDictionary(c => c.Infno, c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Infno → name of every known transaction code.</summary>
    public FrozenDictionary<string, string> Names { get; }

    public IEnumerable<string> Infnos => handlers.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string infno, out ITransactionHandler handler) => handlers.TryGetValue(infno, out handler!);

    public bool IsAvailable(string infno) => available.Contains(infno);
}
