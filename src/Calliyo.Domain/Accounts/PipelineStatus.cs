namespace Calliyo.Domain.Accounts;

/// <summary>One stage of an account's pipeline. Protected stages cannot be renamed or deleted.</summary>
public sealed record PipelineStatus(string Name, bool IsProtected);
