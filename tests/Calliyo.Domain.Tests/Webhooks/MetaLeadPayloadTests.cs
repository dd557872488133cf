using Calliyo.Domain.Webhooks;
using static Calliyo.Domain.Tests.Webhooks.WebhookTestBodies;

namespace Calliyo.Domain.Tests.Webhooks;

public sealed class MetaLeadPayloadTests
{
    [Fact]
    public void Read_MapsNamePhoneEmail_GraphLead()
    {
        var submission = ReadFixture(MetaCase, "request-1-graph-lead-forwarded.json");

        var lead = NormalizeValid(submission);

        Assert.Equal(WebhookPayloadFormat.MetaLead, submission.Format);
        Assert.Equal("Rahul", lead.FirstName);
        Assert.Equal("Nair", lead.LastName);
        Assert.Equal("+919876540211", lead.Phone.E164);
        Assert.Equal("rahul.nair@example.com", lead.Email);
    }

    [Fact]
    public void Read_UsesIdAsExternalId_GraphLead()
    {
        var submission = ReadFixture(MetaCase, "request-1-graph-lead-forwarded.json");

        Assert.Equal("1398765400211000", submission.ExternalId);
        Assert.False(submission.IsTest);
        Assert.Null(submission.PlatformKey);
    }

    [Fact]
    public void Read_KeepsQuestionAndAdIds_GraphLead()
    {
        var submission = ReadFixture(MetaCase, "request-1-graph-lead-forwarded.json");

        Assert.Equal("Pune", submission.Extras["which_city_are_you_in?"]);
        Assert.Equal("120200000000000001", submission.Extras["ad_id"]);
        Assert.Equal("900000000000001", submission.Extras["form_id"]);
        Assert.Equal("2025-03-14T09:26:53+0000", submission.Extras["created_time"]);
        Assert.False(submission.Extras.ContainsKey("id"));
        Assert.False(submission.Extras.ContainsKey("field_data"));
    }

    [Fact]
    public void Read_MapsFirstAndLast_SeparateFields()
    {
        var submission = ReadFixture(MetaCase, "request-2-first-last-multiselect.json");

        var lead = NormalizeValid(submission);

        Assert.Equal("Zoya", lead.FirstName);
        Assert.Equal("Khan", lead.LastName);
        Assert.Equal("+919876540212", lead.Phone.E164);
        Assert.Equal("zoya.khan@example.com", lead.Email);
        Assert.Equal("1398765400212000", submission.ExternalId);
    }

    [Fact]
    public void Read_JoinsValuesInExtras_MultiSelect()
    {
        var submission = ReadFixture(MetaCase, "request-2-first-last-multiselect.json");

        Assert.Equal("Home loan, Car loan", submission.Extras["services_interested_in"]);
        Assert.Empty(submission.FieldErrors);
    }

    [Fact]
    public void Read_MarksTest_TestingToolLead()
    {
        var submission = ReadFixture(MetaCase, "request-3-meta-test-lead.json");

        Assert.True(submission.IsTest);
        Assert.Equal("1398765400213000", submission.ExternalId);
        Assert.Equal("<test lead: dummy data for phone_number>", submission.Lead.Phone);
        Assert.Empty(submission.FieldErrors);
    }

    [Fact]
    public void Read_RepeatsExternalId_ZapReplay()
    {
        var first = ReadFixture(MetaCase, "request-1-graph-lead-forwarded.json");
        var replay = ReadFixture(MetaCase, "request-4-same-lead-redelivered.json");

        Assert.Equal(first.ExternalId, replay.ExternalId);
        Assert.Equal(NormalizeValid(first).Phone, NormalizeValid(replay).Phone);
    }

    [Fact]
    public void Read_MapsLeadFields_ZapMappedKeys()
    {
        var submission = ReadFixture(MetaCase, "request-5-zap-mapped-fields.json");

        var lead = NormalizeValid(submission);

        Assert.Equal(WebhookPayloadFormat.Flat, submission.Format);
        Assert.Equal("Dev", lead.FirstName);
        Assert.Equal("Patel", lead.LastName);
        Assert.Equal("+919876540215", lead.Phone.E164);
        Assert.Equal("dev.patel@example.com", lead.Email);
        Assert.Equal(["fb-ads", "hot"], lead.Tags);
    }

    [Fact]
    public void Read_KeepsSourceAsExtra_ZapMappedKeys()
    {
        var submission = ReadFixture(MetaCase, "request-5-zap-mapped-fields.json");

        Assert.Equal("Facebook Lead Ads", submission.Extras["Source"]);
        Assert.Null(submission.ExternalId);
        Assert.False(submission.IsTest);
    }

    [Fact]
    public void Read_UsesFirstValue_PhoneWithTwoValues()
    {
        var submission = ReadJson("""
            {"id": "42", "field_data": [
              {"name": "full_name", "values": ["Asha Verma"]},
              {"name": "phone_number", "values": ["+919876540221", "+919876540222"]}]}
            """);

        Assert.Equal("+919876540221", submission.Lead.Phone);
        Assert.Equal("+919876540221, +919876540222", submission.Extras["phone_number"]);
    }

    [Fact]
    public void Read_MatchesNamesLoosely_MixedSpelling()
    {
        var submission = ReadJson("""
            {"id": 1398765400299000, "field_data": [
              {"name": "FULL NAME", "values": ["Asha Verma"]},
              {"name": "Phone-Number", "values": ["p:+919876540223"]},
              {"name": "work_email", "values": ["asha@work.example.com"]}]}
            """);

        var lead = NormalizeValid(submission);

        Assert.Equal("Asha", lead.FirstName);
        Assert.Equal("+919876540223", lead.Phone.E164);
        Assert.Equal("asha@work.example.com", lead.Email);
        Assert.Equal("1398765400299000", submission.ExternalId);
    }

    [Fact]
    public void Read_MarksTest_PlaceholderInFlatBody()
    {
        var submission = ReadJson("""
            {"First Name": "<test lead: dummy data for first_name>", "Phone": "<test lead: dummy data for phone_number>"}
            """);

        Assert.True(submission.IsTest);
    }
}
