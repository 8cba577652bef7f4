using System.Collections.Frozen;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// The handlers by infno: every registered <see cref="ITransactionHandler"/>, and for each known
/// transaction code without one, a handler that answers "not available yet".
/// </summary>
internal sealed class TransactionRegistry
{
    private readonly FrozenDictionary<string, ITransactionHandler> _handlers;
    private readonly FrozenSet<string> _available;

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

        _available = byInfno.Keys.ToFrozenSet(StringComparer.Ordinal);
        foreach (var contract in TransactionContracts.All)
        {
            byInfno.TryAdd(contract.Infno, contract.CreateUnavailableHandler());
        }

        _handlers = byInfno.ToFrozenDictionary(StringComparer.Ordinal);
        Names = TransactionContracts.All.ToFrozenDictionary(c => c.Infno, c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Infno → name of every known transaction code.</summary>
    public FrozenDictionary<string, string> Names { get; }

    public IEnumerable<string> Infnos => _handlers.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string infno, out ITransactionHandler handler) => _handlers.TryGetValue(infno, out handler!);

    public bool IsAvailable(string infno) => _available.Contains(infno);
}
