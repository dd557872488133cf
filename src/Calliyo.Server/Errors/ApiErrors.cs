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

/// <summary>One field error as the API writes it.</summary>
public sealed record FieldErrorBody(string Field, string Code, string Message, string? Value)
{
    public static FieldErrorBody From(FieldError error) => new(error.Field, error.Code, error.Message, error.Value);
}
