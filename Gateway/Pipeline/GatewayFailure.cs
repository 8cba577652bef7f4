namespace Medisettle.Gateway.Pipeline;

/// <summary>A refusal: the envelope error. The HTTP status follows from the code (<see cref="InfcodeHttpStatus"/>).</summary>
internal sealed record GatewayFailure(int Infcode, string Message)
{
    public int HttpStatus => InfcodeHttpStatus.For(Infcode);
}
