using Calliyo.Domain.Accounts;
using Calliyo.Domain.Imports;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains.Imports;

/// <summary>
/// An upload read and planned with one set of choices and account settings: what the preview,
/// the run and the error report work from. Building one is CPU work proportional to the file
/// (about a second for 10 MiB), so a job keeps its session between calls until the run ends.
/// </summary>
internal sealed class ImportSession
{
    private ImportSession(ImportChoices choices, AccountSnapshot rules, ParsedCsvFile file, ImportPlan plan)
    {
        Choices = choices;
        Rules = rules;
        File = file;
        Plan = plan;
    }

    /// <summary>The choices in their normalized spelling.</summary>
    public ImportChoices Choices { get; }

    public AccountSnapshot Rules { get; }

    public ParsedCsvFile File { get; }

    public ImportPlan Plan { get; }

    /// <summary>
    /// Reads and plans <paramref name="content"/> off the grain's scheduler, so that calls to the
    /// job are not held up. Returns the session, or the problem with the choices or the file.
    /// </summary>
    public static Task<(ImportSession? Session, ImportReply? Problem)> BuildAsync(
        byte[] content, ImportChoices choices, AccountSnapshot rules, CancellationToken cancellationToken) =>
        Task.Run(() => Build(content, choices, rules, cancellationToken), cancellationToken);

    private static (ImportSession? Session, ImportReply? Problem) Build(
        byte[] content, ImportChoices choices, AccountSnapshot snapshot, CancellationToken cancellationToken)
    {
        var rules = new AccountRules(snapshot.DefaultRegion, snapshot.Statuses);
        var (normalized, overrides, planOptions, errors) = ImportChoiceRules.Check(choices, rules);
        if (normalized is null)
        {
            var message = errors.Count == 1 ? errors[0].Message : $"{errors.Count} import choices are invalid; see details.";
            return (null, ImportReply.Fail(ImportReplyStatus.InvalidChoices, new ImportProblem("invalid_choices", message, errors)));
        }

        var read = CsvLeadReader.Read(content, new CsvReadOptions
        {
            Matcher = snapshot.CreateMatcher(),
            ColumnOverrides = overrides.Count == 0 ? null : overrides,
        }, cancellationToken);

        if (!read.IsAccepted)
        {
            return (null, ImportReply.Fail(ImportReplyStatus.FileRejected, new ImportProblem(read.Rejection.Code, read.Rejection.Message, [])));
        }

        var plan = new ImportPlanner(rules, planOptions).Plan(read.File, cancellationToken);
        return (new ImportSession(normalized, snapshot, read.File, plan), null);
    }
}
