using Calliyo.Domain.Fields;
using Calliyo.Domain.Leads;
using Calliyo.Domain.Webhooks;
using static Calliyo.Domain.Tests.Webhooks.WebhookTestBodies;

namespace Calliyo.Domain.Tests.Webhooks;

public sealed class FlatJsonBodyTests
{
    [Fact]
    public void Read_ReturnsWrongType_PhoneAsNumber()
    {
        var submission = ReadJson("""{"firstName": "Asha", "phone": 919876540231}""");

        var error = Assert.Single(submission.FieldErrors);
        Assert.Equal(LeadFields.Phone, error.Field);
        Assert.Equal(FieldErrorCodes.WrongType, error.Code);
        Assert.Equal("919876540231", error.Value);
        Assert.StartsWith("phone: must be a string such as \"", error.Message, StringComparison.Ordinal);
        Assert.Null(submission.Lead.Phone);
    }

    [Fact]
    public void Normalize_ReportsWrongTypeOnly_PhoneAsNumber()
    {
        var submission = ReadJson("""{"firstName": "Asha", "phone": 919876540231}""");

        var validation = submission.Normalize(India);

        var error = Assert.Single(validation.Errors);
        Assert.Equal(FieldErrorCodes.WrongType, error.Code);
        Assert.False(validation.IsValid);
    }

    [Fact]
    public void Normalize_ReportsBothFields_NumberPhoneNoName()
    {
        var submission = ReadJson("""{"phone": 919876540231}""");

        var validation = submission.Normalize(India);

        Assert.Equal([LeadFields.Phone, LeadFields.FirstName], validation.Errors.Select(error => error.Field));
    }

    [Fact]
    public void Read_KeepsEachTag_TagArray()
    {
        var submission = ReadJson("""{"firstName": "Kabir", "phone": "98765 40234", "tags": ["vip", null, "hot"]}""");

        Assert.Equal(["vip", "hot"], NormalizeValid(submission).Tags);
    }

    [Fact]
    public void Read_SplitsLikeCsv_TagString()
    {
        var submission = ReadJson("""{"firstName": "Zoya", "phone": "98765 40235", "tags": "vip; hot"}""");

        Assert.Equal(["vip", "hot"], NormalizeValid(submission).Tags);
    }

    [Fact]
    public void Read_ReturnsWrongType_NumberInTagArray()
    {
        var submission = ReadJson("""{"firstName": "Zoya", "phone": "98765 40235", "tags": ["vip", 7]}""");

        var error = Assert.Single(submission.FieldErrors);
        Assert.Equal(LeadFields.Tags, error.Field);
        Assert.Equal("7", error.Value);
        Assert.Null(submission.Lead.Tags);
    }

    [Fact]
    public void Read_TreatsAsAbsent_NullValues()
    {
        var submission = ReadJson("""
            {"firstName": "Dev", "lastName": null, "phone": "98765 40236", "email": null, "status": "", "tags": null, "note": null}
            """);

        var lead = NormalizeValid(submission);

        Assert.Null(lead.LastName);
        Assert.Null(lead.Email);
        Assert.Equal("Unassigned", lead.Status);
        Assert.Empty(lead.Tags);
        Assert.Null(submission.FindRawValue("lastName"));
        Assert.False(submission.Extras.ContainsKey("note"));
    }

    [Fact]
    public void Normalize_ReportsRequired_PhoneMissing()
    {
        var submission = ReadJson("""{"firstName": "Isha", "lastName": "Gupta", "email": "isha.gupta@example.com"}""");

        var validation = submission.Normalize(India);

        var error = Assert.Single(validation.Errors);
        Assert.Equal(LeadFields.Phone, error.Field);
        Assert.Equal(FieldErrorCodes.Required, error.Code);
    }

    [Fact]
    public void Read_DecodesText_UnicodeEscapes()
    {
        var submission = ReadJson("""{"firstName": "\u0906\u0936\u093e \ud83c\udf38", "lastName": "\u0935\u0930\u094d\u092e\u093e", "phone": "+91 98765 40237"}""");

        var lead = NormalizeValid(submission);

        Assert.Equal("आशा 🌸", lead.FirstName);
        Assert.Equal("वर्मा", lead.LastName);
    }

    [Fact]
    public void Read_SplitsFirstAndLast_NameKey()
    {
        var submission = ReadJson("""{"name": "  Asha   Rani Verma ", "phone": "9876540201"}""");

        Assert.Equal("Asha", submission.Lead.FirstName);
        Assert.Equal("Rani Verma", submission.Lead.LastName);
    }

    [Fact]
    public void Read_KeepsFirstName_FullNameAlsoSent()
    {
        var submission = ReadJson("""{"full_name": "Asha Verma", "first_name": "Asha R", "phone": "9876540201"}""");

        Assert.Equal("Asha R", submission.Lead.FirstName);
        Assert.Null(submission.Lead.LastName);
        Assert.Equal("Asha Verma", submission.Extras["full_name"]);
    }

    [Fact]
    public void Read_KeepsFirstPhone_TwoPhoneKeys()
    {
        var submission = ReadJson("""{"firstName": "Asha", "phone": "98765 40001", "Mobile": "98765 40002"}""");

        Assert.Equal("98765 40001", submission.Lead.Phone);
        Assert.Equal("98765 40002", submission.Extras["Mobile"]);
    }

    [Fact]
    public void Read_UsesMobile_PhoneEmpty()
    {
        var submission = ReadJson("""{"firstName": "Asha", "phone": "", "mobile": "98765 40002"}""");

        Assert.Equal("98765 40002", submission.Lead.Phone);
    }

    [Fact]
    public void Read_KeepsJsonText_NumbersInExtras()
    {
        var submission = ReadJson("""{"firstName": "Asha", "phone": "9876540201", "form_id": 11112222333, "score": 1.50, "optin": false}""");

        Assert.Equal("11112222333", submission.Extras["form_id"]);
        Assert.Equal("1.50", submission.Extras["score"]);
        Assert.Equal("false", submission.Extras["optin"]);
    }

    [Fact]
    public void Read_KeepsRawJson_NestedObject()
    {
        var submission = ReadJson("""{"firstName": "Asha", "phone": "9876540201", "utm": {"source": "google", "medium": "cpc"}}""");

        Assert.Equal("""{"source": "google", "medium": "cpc"}""", submission.Extras["utm"]);
    }

    [Fact]
    public void Read_ReturnsWrongType_ObjectAsFirstName()
    {
        var submission = ReadJson("""{"firstName": {"value": "Asha"}, "phone": "9876540201"}""");

        var error = Assert.Single(submission.FieldErrors);
        Assert.Equal(LeadFields.FirstName, error.Field);
        Assert.Equal(FieldErrorCodes.WrongType, error.Code);
        Assert.StartsWith("firstName: must be a string such as \"Asha\", not a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MapsStatus_LeadStatusKey()
    {
        var submission = ReadJson("""{"firstName": "Asha", "phone": "9876540201", "Lead Status": "interested"}""");

        Assert.Equal("Interested", NormalizeValid(submission).Status);
    }

    [Fact]
    public void Read_MapsCustomKey_AccountAlias()
    {
        var matcher = new FieldNameMatcher(new Dictionary<string, LeadColumn> { ["Customer Mobile"] = LeadColumn.Phone });
        var body = """{"firstName": "Asha", "customer_mobile": "9876540201"}"""u8.ToArray();

        var result = WebhookBodyReader.Read(Json, body, matcher);

        Assert.Equal("9876540201", result.Submission?.Lead.Phone);
    }

    [Fact]
    public void Read_KeepsWrapperAsExtra_LeadsArray()
    {
        // The webhook takes one lead per request; a batch wrapper is an unknown field, so the
        // lead has no phone and the normalizer reports it.
        var submission = ReadJson("""{"leads": [{"firstName": "Asha", "phone": "9876540201"}]}""");

        Assert.Null(submission.Lead.Phone);
        Assert.True(submission.Extras.ContainsKey("leads"));
    }
}
