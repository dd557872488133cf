using Calliyo.Domain.Leads;

namespace Calliyo.Server.Errors;

/// <summary>Builds error responses in the shared envelope.</summary>
public static class ApiErrors
{
    public static IResult Create(int statusCode, string code, string message, object? details = null) =>
        Results.Json(new ApiErrorEnvelope(new ApiError(code, message, details)), statusCode: statusCode);

    public static IResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.");

    /// <summary>A 422 listing every rejected field with its value and how to fix it.</summary>
    public static IResult ValidationFailed(IReadOnlyList<FieldError> errors) =>
        Create(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed,
            errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields are invalid; see details.",
            new { fields = errors.Select(FieldErrorBody.From) });

    /// <summary>A 400 for fields whose JSON type is wrong, such as a phone sent as a number.</summary>
    public static IResult WrongTypes(IReadOnlyList<FieldError> errors) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
            errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields have the wrong JSON type; see details.",
            new { fields = errors.Select(FieldErrorBody.From) });
}

/// <summary>
/// One field error as the API writes it. The rejected value is echoed back for the caller to
/// recognize, cut to <see cref="MaxValueLength"/> characters so an oversized value is not sent
/// back whole.
/// </summary>
public sealed record FieldErrorBody(string Field, string Code, string Message, string? Value)
{
    public const int MaxValueLength = 200;

    public static FieldErrorBody From(FieldError error) => new(error.Field, error.Code, error.Message, Shorten(error.Value));

    private static string? Shorten(string? value) =>
        value is { Length: > MaxValueLength } ? string.Concat(value.AsSpan(0, MaxValueLength), "…") : value;
}
