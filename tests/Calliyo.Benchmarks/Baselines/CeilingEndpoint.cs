namespace Calliyo.Benchmarks.Baselines;

/// <summary>
/// The ceiling: reads the whole request body, then returns 201 with no body (200 for a batch,
/// as the server's batch endpoint does). Whatever the server does beyond this (authentication,
/// JSON, validation, grains, the database) is the gap between the two.
/// </summary>
internal static class CeilingEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        await ReadBodyAsync(request, cancellationToken);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    public static async Task<IResult> HandleBatchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        await ReadBodyAsync(request, cancellationToken);
        return Results.Ok();
    }

    private static async Task ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }
    }
}
