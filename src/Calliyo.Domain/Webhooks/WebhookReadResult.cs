using System.Diagnostics.CodeAnalysis;

namespace Calliyo.Domain.Webhooks;

/// <summary>
/// The outcome of reading one webhook body: a <see cref="WebhookSubmission"/>, or a
/// <see cref="WebhookBodyError"/> when the body as a whole is unreadable. A submission can still
/// carry field errors; those belong to the lead, not to the body.
/// </summary>
public sealed record WebhookReadResult
{
    private WebhookReadResult(WebhookSubmission? submission, WebhookBodyError? error)
    {
        Submission = submission;
        Error = error;
    }

    public WebhookSubmission? Submission { get; }

    public WebhookBodyError? Error { get; }

    [MemberNotNullWhen(true, nameof(Submission))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Submission is not null;

    public static WebhookReadResult Success(WebhookSubmission submission) => new(submission, null);

    public static WebhookReadResult Failure(WebhookBodyError error) => new(null, error);
}
