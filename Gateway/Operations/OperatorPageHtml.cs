namespace Medisettle.Gateway.Operations;

/// <summary>The operator page (<c>ops.html</c>, an embedded resource): plain HTML and a script that polls <c>/ops/data</c>.</summary>
internal static class OperatorPageHtml
{
    public static readonly string Text = Read();

    private static string Read()
    {
        using var stream = typeof(OperatorPageHtml).Assembly.GetManifestResourceStream("Medisettle.Gateway.Operations.ops.html")
            ?? throw new InvalidOperationException("The operator page resource ops.html is missing from the gateway assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
