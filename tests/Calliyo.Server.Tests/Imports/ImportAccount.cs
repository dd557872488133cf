using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Calliyo.Domain.Tokens;
using Calliyo.Grains.Contracts;
using Calliyo.Server.Hosting;
using Calliyo.Storage.Accounts;
using Calliyo.Storage.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace Calliyo.Server.Tests.Imports;

/// <summary>
/// A fresh account set up as the CSV cases expect (region IN, the default pipeline plus the
/// statuses New and Contacted) with its own token, so every test owns its leads and imports.
/// </summary>
internal sealed class ImportAccount : IDisposable
{
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromSeconds(120);

    private readonly CalliyoServerFactory _factory;

    private ImportAccount(CalliyoServerFactory factory, Guid accountId, HttpClient client)
    {
        _factory = factory;
        AccountId = accountId;
        Client = client;
    }

    public Guid AccountId { get; }

    public HttpClient Client { get; }

    public static async Task<ImportAccount> CreateAsync(CalliyoServerFactory factory, params string[] scopes)
    {
        var accounts = factory.Services.GetRequiredService<AccountStore>();
        var bootstrap = factory.Services.GetRequiredService<AccountBootstrap>();
        var grains = factory.Services.GetRequiredService<IGrainFactory>();

        var accountId = await accounts.CreateAsync("Imports", "IN", isDefault: false, CancellationToken.None);
        foreach (var status in new[] { "New", "Contacted" })
        {
            var added = await grains.GetGrain<IAccountGrain>(accountId).AddStatusAsync(status);
            Assert.Null(added.ErrorCode);
        }

        scopes = scopes.Length > 0 ? scopes : [TokenScopes.ImportsWrite, TokenScopes.LeadsRead, TokenScopes.LeadsWrite];
        var token = await bootstrap.CreateTokenAsync(accountId, "imports", scopes, CancellationToken.None);
        return new ImportAccount(factory, accountId, factory.CreateClient(token));
    }

    /// <summary>Uploads <paramref name="content"/> as the multipart field <c>file</c>.</summary>
    public Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName = "leads.csv", string query = "")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return Client.PostAsync($"/v1/imports{query}", form);
    }

    /// <summary>Uploads a case file and returns the created job, asserting the 201.</summary>
    public async Task<JsonElement> UploadCaseAsync(string caseFolder, string fileName, string query = "")
    {
        var response = await UploadAsync(CaseFile(caseFolder, fileName), fileName, query);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    /// <summary>Starts the job, asserting the 202, with <paramref name="options"/> as the body when given.</summary>
    public async Task StartAsync(string jobId, object? options = null)
    {
        var response = options is null
            ? await Client.PostAsync($"/v1/imports/{jobId}/start", content: null)
            : await Client.PostAsync($"/v1/imports/{jobId}/start", Json.Body(options));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Polls the job until it is no longer uploaded or running and returns it.</summary>
    public async Task<JsonElement> WaitUntilFinishedAsync(string jobId)
    {
        var deadline = DateTime.UtcNow + FinishTimeout;
        while (true)
        {
            var job = await Json.ReadAsync(await Client.GetAsync($"/v1/imports/{jobId}"));
            if (job.Text("status") is not ("uploaded" or "running"))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {jobId} did not finish within {FinishTimeout}: {job}");
            await Task.Delay(100);
        }
    }

    /// <summary>Uploads a case file, starts it and waits for the end.</summary>
    public async Task<JsonElement> ImportCaseAsync(string caseFolder, string fileName, object? options = null)
    {
        var job = await UploadCaseAsync(caseFolder, fileName);
        await StartAsync(job.Text("id")!, options);
        return await WaitUntilFinishedAsync(job.Text("id")!);
    }

    /// <summary>
    /// Returns the account's stored leads in file order: by import (job ids sort by upload time),
    /// then by record. Creation order differs, because an import claims many rows at once.
    /// </summary>
    public async Task<IReadOnlyList<LeadRecord>> LeadsAsync()
    {
        var leads = _factory.Services.GetRequiredService<LeadStore>();
        var page = await leads.ListAsync(new LeadQuery(AccountId, Limit: 1000), CancellationToken.None);
        return [.. page.OrderBy(lead => lead.SourceRef is null ? Guid.Empty : Guid.Parse(lead.SourceRef)).ThenBy(lead => lead.SourceRow).ThenBy(lead => lead.Id)];
    }

    public static byte[] CaseFile(string caseFolder, string fileName) =>
        File.ReadAllBytes(Calliyo.Testing.TestFiles.Fixture("cases", caseFolder, fileName));

    public void Dispose() => Client.Dispose();
}

/// <summary>Readers for the job JSON the import endpoints return.</summary>
internal static class ImportJson
{
    /// <summary>Returns the counts as (imported, duplicatesExisting, duplicatesInFile, errors, blankRows).</summary>
    public static (int Imported, int DuplicatesExisting, int DuplicatesInFile, int Errors, int BlankRows) Counts(this JsonElement job)
    {
        var counts = job.GetProperty("counts");
        return (counts.GetProperty("imported").GetInt32(), counts.GetProperty("duplicatesExisting").GetInt32(),
            counts.GetProperty("duplicatesInFile").GetInt32(), counts.GetProperty("errors").GetInt32(),
            counts.GetProperty("blankRows").GetInt32());
    }

    public static int Int(this JsonElement element, string name) => element.GetProperty(name).GetInt32();
}
