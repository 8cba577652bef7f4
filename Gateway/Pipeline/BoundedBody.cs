using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Medisettle.Gateway.Pipeline;

/// <summary>Reads a request body of at most a given size; never buffers more than one byte past it.</summary>
internal static class BoundedBody
{
    private const int InitialBufferBytes = 16 * 1024;

    /// <summary>The body, or <c>null</c> when it is longer than <paramref name="bytesMax"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpContext http, int bytesMax, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.ContentLength > bytesMax)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bytesMax + 1L;
        }

        var buffer = new byte[request.ContentLength is { } length ? (int)length + 1 : Math.Min(bytesMax + 1, InitialBufferBytes)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length > bytesMax)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, bytesMax + 1L));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled > bytesMax ? null : buffer.AsMemory(0, filled);
    }
}
