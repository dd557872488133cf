using System.Buffers;
using Calliyo.Server.Errors;

namespace Calliyo.Server.Http;

/// <summary>Reads a request body into memory with a size limit, returning 413 past the limit.</summary>
public static class RequestBody
{
    /// <summary>
    /// Returns the body bytes, or a 413 result when the body exceeds <paramref name="maxBytes"/>.
    /// A declared Content-Length over the limit is rejected before any byte is read.
    /// </summary>
    public static async Task<(byte[]? Body, IResult? Error)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // ArrayBufferWriter rejects a capacity of zero, which an empty body with Content-Length: 0 would give.
        var buffer = new ArrayBufferWriter<byte>((int)Math.Max(1, Math.Min(request.ContentLength ?? 4096, maxBytes)));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.WrittenCount + read > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                buffer.Write(chunk.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }

    private static IResult TooLarge(long maxBytes) =>
        ApiErrors.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
            $"The request body is larger than {maxBytes:N0} bytes, the limit of this endpoint; send less data per request.",
            new { maxBytes });
}
