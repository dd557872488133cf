using System.Buffers;
using Calliyo.Domain.Imports;
using Calliyo.Server.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Calliyo.Server.Imports;

/// <summary>
/// Reads an uploaded CSV file into memory: the part named <c>file</c> of a
/// <c>multipart/form-data</c> body, or a raw body sent as CSV or plain text. A file over
/// <see cref="MaxFileBytes"/> gets a 413 before any of it is parsed: at once when the declared
/// length exceeds the limit, otherwise as soon as the bytes read pass it.
/// </summary>
public static class ImportUploadReader
{
    /// <summary>The largest file accepted: 10 MiB, 10,485,760 bytes.</summary>
    public const long MaxFileBytes = CsvReadOptions.DefaultMaxBytes;

    /// <summary>Room in a multipart body for the boundaries, part headers and small fields around the file.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    /// <summary>The media types of a raw body; Windows browsers label .csv files as application/vnd.ms-excel.</summary>
    private static readonly string[] RawMediaTypes =
    [
        "text/csv", "application/csv", "text/comma-separated-values", "text/plain", "application/vnd.ms-excel", "application/octet-stream",
    ];

    public static async Task<(byte[]? Content, string? FileName, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return (null, null, UnsupportedMediaType(request.ContentType));
        }

        if (mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(request, mediaType, cancellationToken);
        }

        if (!RawMediaTypes.Any(type => mediaType.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null, UnsupportedMediaType(request.ContentType));
        }

        if (request.ContentLength > MaxFileBytes)
        {
            return (null, null, TooLarge(request.ContentLength.Value));
        }

        var (content, tooLarge) = await ReadCappedAsync(request.Body, request.ContentLength, cancellationToken);
        return (content, null, tooLarge);
    }

    private static async Task<(byte[]? Content, string? FileName, IResult? Error)> ReadMultipartAsync(
        HttpRequest request, MediaTypeHeaderValue mediaType, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxFileBytes + MultipartOverheadBytes)
        {
            return (null, null, TooLarge(request.ContentLength.Value));
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            return (null, null, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                "The multipart/form-data body has no boundary in its Content-Type; let the HTTP client build the multipart body, for example curl -F file=@leads.csv."));
        }

        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
                {
                    continue;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                var (content, tooLarge) = await ReadCappedAsync(section.Body, null, cancellationToken);
                return (content, string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName), tooLarge);
            }
        }
        catch (IOException exception)
        {
            return (null, null, ApiErrors.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                $"The multipart/form-data body is malformed ({exception.Message}); send the file as the form field 'file'."));
        }

        return (null, null, ApiErrors.Create(StatusCodes.Status400BadRequest, ImportErrorCodes.MissingFile,
            "The multipart/form-data body has no part named 'file'; send the CSV as the form field 'file', for example curl -F file=@leads.csv."));
    }

    private static async Task<(byte[]? Content, IResult? Error)> ReadCappedAsync(Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(declaredLength ?? 64 * 1024, MaxFileBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.WrittenCount + read > MaxFileBytes)
                {
                    return (null, TooLarge(null));
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

    private static IResult TooLarge(long? size) =>
        ApiErrors.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
            (size is { } bytes ? $"The upload is {bytes:N0} bytes; " : "The file is too large; ")
            + $"a CSV import takes at most {MaxFileBytes:N0} bytes (10 MiB). Split the list into smaller files and upload each one.",
            new { maxBytes = MaxFileBytes });

    private static IResult UnsupportedMediaType(string? contentType) =>
        ApiErrors.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
            $"Content-Type '{contentType}' is not accepted for an import; send the file as the multipart/form-data field 'file' (curl -F file=@leads.csv) or as a raw body with 'Content-Type: text/csv'.");
}
