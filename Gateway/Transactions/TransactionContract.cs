using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// What one transaction code accepts and answers: its input and output wire types (source-generated
/// JSON metadata) and the checks its input must pass. The instances are in <see cref="TransactionContracts"/>.
/// </summary>
public sealed class TransactionContract<TInput, TOutput> : ITransactionContract
    where TInput : class
    where TOutput : class
{
    private readonly Action<TInput, InputChecker> _validate;

    internal TransactionContract(string infno, string name, JsonTypeInfo<TInput> input, JsonTypeInfo<TOutput> output, Action<TInput, InputChecker> validate)
    {
        Infno = infno;
        Name = name;
        Input = input;
        Output = output;
        _validate = validate;
    }

    public string Infno { get; }

    /// <summary>The transaction's name, Chinese and English.</summary>
    public string Name { get; }

    public JsonTypeInfo<TInput> Input { get; }

    public JsonTypeInfo<TOutput> Output { get; }

    ITransactionHandler ITransactionContract.CreateUnavailableHandler() => new UnavailableTransactionHandler<TInput, TOutput>(this);

    /// <summary>Parses and checks the envelope's input; on failure returns the envelope error and <paramref name="input"/> is null.</summary>
    internal EnvelopeResult? TryRead(JsonElement element, InputLimits limits, out TInput? input)
    {
        input = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return EnvelopeResult.Failure(Infcodes.WrongType, "field 'input' must be an object");
        }

        try
        {
            input = element.Deserialize(Input);
        }
        catch (JsonException exception)
        {
            var failure = JsonErrors.Describe(exception, "input", Input, element);
            return EnvelopeResult.Failure(failure.Infcode, failure.Message);
        }

        if (input is null)
        {
            return EnvelopeResult.Failure(Infcodes.WrongType, "field 'input' must be an object");
        }

        var checker = new InputChecker(limits);
        _validate(input, checker);
        if (checker.Failure is { } problem)
        {
            input = null;
            return EnvelopeResult.Failure(problem.Infcode, problem.Message);
        }

        return null;
    }
}
