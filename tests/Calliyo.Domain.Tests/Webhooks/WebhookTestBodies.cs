using System.Text;
using Calliyo.Domain.Accounts;
using Calliyo.Domain.Leads;
using Calliyo.Domain.Webhooks;

namespace Calliyo.Domain.Tests.Webhooks;

/// <summary>Reads fixture and inline bodies through <see cref="WebhookBodyReader"/> for the webhook tests.</summary>
internal static class WebhookTestBodies
{
    public const string Json = "application/json";
    public const string Form = "application/x-www-form-urlencoded";

    public const string GoogleCase = "20-google-ads-lead-form-webhook";
    public const string MetaCase = "21-meta-lead-ads-via-zapier";

    /// <summary>An account in India with the default pipeline, as every case assumes.</summary>
    public static AccountRules India { get; } = new("IN", DefaultPipeline.Statuses);

    public static byte[] FixtureBytes(string caseFolder, string file) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "cases", caseFolder, file));

    public static WebhookSubmission ReadFixture(string caseFolder, string file) =>
        ExpectSubmission(WebhookBodyReader.Read(Json, FixtureBytes(caseFolder, file)));

    public static WebhookSubmission ReadJson(string json) =>
        ExpectSubmission(WebhookBodyReader.Read(Json, Encoding.UTF8.GetBytes(json)));

    public static WebhookSubmission ReadForm(string form) =>
        ExpectSubmission(WebhookBodyReader.Read(Form, Encoding.ASCII.GetBytes(form)));

    public static WebhookBodyError ReadError(string? contentType, byte[] body)
    {
        var result = WebhookBodyReader.Read(contentType, body);
        Assert.False(result.IsSuccess, "The body was read as a submission, but a body error was expected.");
        return result.Error;
    }

    /// <summary>Normalizes the submission for an Indian account and fails the test with every field error when it is invalid.</summary>
    public static NormalizedLead NormalizeValid(WebhookSubmission submission)
    {
        var validation = submission.Normalize(India);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors.Select(error => error.Message)));
        return validation.Lead!;
    }

    private static WebhookSubmission ExpectSubmission(WebhookReadResult result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Submission;
    }
}
