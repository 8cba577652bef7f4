namespace Medisettle.Grains.Policy;

/// <summary>Invalid pack data; the message names the file, the JSON path (field) and the value.</summary>
public sealed class PolicyPackException : Exception
{
    public PolicyPackException(string file, string path, string value, string reason, Exception? inner = null)
        : base($"{file}: {path} = {value}: {reason}", inner)
    {
        File = file;
        FieldPath = path;
        Value = value;
    }

    public PolicyPackException()
        : this("(unknown)", "$", "", "invalid policy pack")
    {
    }

    public PolicyPackException(string message)
        : base(message)
    {
        File = "(unknown)";
        FieldPath = "$";
        Value = "";
    }

    public PolicyPackException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "(unknown)";
        FieldPath = "$";
        Value = "";
    }

    public string File { get; }

    /// <summary>JSON path of the offending field, e.g. <c>$.assistance.rate</c>.</summary>
    public string FieldPath { get; }

    public string Value { get; }
}
