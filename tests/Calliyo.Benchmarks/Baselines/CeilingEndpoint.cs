namespace Calliyo.Benchmarks.Baselines;

/// <summary>
/// The ceiling: reads the whole request body, then returns 201 with no body. Whatever the
/// server does beyond this (authentication, JSON, validation, grains, the database) is the
/// gap between the two.
/// </summary>
internal static class CeilingEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
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

        return Results.StatusCode(StatusCodes.Status201Created);
    }
}
