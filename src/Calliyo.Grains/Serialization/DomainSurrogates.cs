using Calliyo.Domain.Accounts;
using Calliyo.Domain.Leads;

namespace Calliyo.Grains.Serialization;

// The domain library has no Orleans dependency, so its types cross grain calls through these
// surrogates instead of carrying serializer attributes themselves.

[GenerateSerializer, Alias("calliyo.field-error")]
public struct FieldErrorSurrogate
{
    [Id(0)] public string Field;
    [Id(1)] public string? Value;
    [Id(2)] public string Code;
    [Id(3)] public string Message;
}

[RegisterConverter]
public sealed class FieldErrorConverter : IConverter<FieldError, FieldErrorSurrogate>
{
    public FieldError ConvertFromSurrogate(in FieldErrorSurrogate surrogate) =>
        new(surrogate.Field, surrogate.Value, surrogate.Code, surrogate.Message);

    public FieldErrorSurrogate ConvertToSurrogate(in FieldError value) =>
        new() { Field = value.Field, Value = value.Value, Code = value.Code, Message = value.Message };
}

[GenerateSerializer, Alias("calliyo.lead-input")]
public struct LeadInputSurrogate
{
    [Id(0)] public string? FirstName;
    [Id(1)] public string? LastName;
    [Id(2)] public string? Phone;
    [Id(3)] public string? Email;
    [Id(4)] public IReadOnlyList<string>? Tags;
    [Id(5)] public string? Status;
}

[RegisterConverter]
public sealed class LeadInputConverter : IConverter<LeadInput, LeadInputSurrogate>
{
    public LeadInput ConvertFromSurrogate(in LeadInputSurrogate surrogate) =>
        new(surrogate.FirstName, surrogate.LastName, surrogate.Phone, surrogate.Email, surrogate.Tags, surrogate.Status);

    public LeadInputSurrogate ConvertToSurrogate(in LeadInput value) => new()
    {
        FirstName = value.FirstName,
        LastName = value.LastName,
        Phone = value.Phone,
        Email = value.Email,
        Tags = value.Tags,
        Status = value.Status,
    };
}

[GenerateSerializer, Alias("calliyo.pipeline-status")]
public struct PipelineStatusSurrogate
{
    [Id(0)] public string Name;
    [Id(1)] public bool IsProtected;
}

[RegisterConverter]
public sealed class PipelineStatusConverter : IConverter<PipelineStatus, PipelineStatusSurrogate>
{
    public PipelineStatus ConvertFromSurrogate(in PipelineStatusSurrogate surrogate) => new(surrogate.Name, surrogate.IsProtected);

    public PipelineStatusSurrogate ConvertToSurrogate(in PipelineStatus value) => new() { Name = value.Name, IsProtected = value.IsProtected };
}
