using Calliyo.Domain.Leads;
using Calliyo.Domain.Webhooks;
using static Calliyo.Domain.Tests.Webhooks.WebhookTestBodies;

namespace Calliyo.Domain.Tests.Webhooks;

public sealed class GoogleAdsPayloadTests
{
    [Fact]
    public void Read_MapsNamePhoneEmail_RealLead()
    {
        var submission = ReadFixture(GoogleCase, "request-1-real-lead.json");

        var lead = NormalizeValid(submission);

        Assert.Equal(WebhookPayloadFormat.GoogleAds, submission.Format);
        Assert.Equal("Asha", lead.FirstName);
        Assert.Equal("Verma", lead.LastName);
        Assert.Equal("+919876540201", lead.Phone.E164);
        Assert.Equal("asha.verma@example.com", lead.Email);
        Assert.Empty(submission.FieldErrors);
    }

    [Fact]
    public void Read_ExtractsIdKeyAndFlag_RealLead()
    {
        var submission = ReadFixture(GoogleCase, "request-1-real-lead.json");

        Assert.Equal("TeSter-201-AbCdEfGhIjKlMnOpQrStUvWxYz", submission.ExternalId);
        Assert.Equal("calliyo-demo-key-7f3a", submission.PlatformKey);
        Assert.False(submission.IsTest);
    }

    [Fact]
    public void Read_KeepsUnmappedFieldsAsExtras_RealLead()
    {
        var submission = ReadFixture(GoogleCase, "request-1-real-lead.json");

        Assert.Equal("Pune", submission.Extras["CITY"]);
        Assert.Equal("11112222333", submission.Extras["form_id"]);
        Assert.Equal("44445555666", submission.Extras["campaign_id"]);
        Assert.Equal("EAIaIQobChMI-example-gclid", submission.Extras["gcl_id"]);
        Assert.Equal("77778888999", submission.Extras["adgroup_id"]);
        Assert.Equal("123456789012", submission.Extras["creative_id"]);
        Assert.Equal("2025-03-14T09:26:53Z", submission.Extras["lead_submit_time"]);
        Assert.Equal("1.0", submission.Extras["api_version"]);
    }

    [Fact]
    public void Read_LeavesKeyOutOfExtras_RealLead()
    {
        var submission = ReadFixture(GoogleCase, "request-1-real-lead.json");

        Assert.False(submission.Extras.ContainsKey("google_key"));
        Assert.False(submission.Extras.ContainsKey("lead_id"));
        Assert.False(submission.Extras.ContainsKey("is_test"));
        Assert.False(submission.Extras.ContainsKey("user_column_data"));
        Assert.DoesNotContain("calliyo-demo-key-7f3a", submission.Extras.Values);
    }

    [Fact]
    public void Read_RepeatsExternalId_Redelivery()
    {
        var first = ReadFixture(GoogleCase, "request-1-real-lead.json");
        var again = ReadFixture(GoogleCase, "request-2-same-lead-redelivered.json");

        Assert.Equal(first.ExternalId, again.ExternalId);
        Assert.Equal(NormalizeValid(first).Phone, NormalizeValid(again).Phone);
    }

    [Fact]
    public void Read_ReturnsBodyKey_WrongGoogleKey()
    {
        var submission = ReadFixture(GoogleCase, "request-3-wrong-google-key.json");

        Assert.Equal("not-the-configured-key", submission.PlatformKey);
        Assert.Equal("TeSter-203-ZyXwVuTsRqPoNmLkJiHgFeDcBa", submission.ExternalId);
        Assert.Equal("+919876540203", NormalizeValid(submission).Phone.E164);
    }

    [Fact]
    public void Read_MarksTest_GoogleTestButton()
    {
        var submission = ReadFixture(GoogleCase, "request-4-google-test-button.json");

        Assert.True(submission.IsTest);
        Assert.Equal("TeSter-204-Cj0KCQjwexampleTESTLEADxyz", submission.ExternalId);
        Assert.Equal("calliyo-demo-key-7f3a", submission.PlatformKey);
    }

    [Fact]
    public void Read_KeepsSampleValues_GoogleTestButton()
    {
        var submission = ReadFixture(GoogleCase, "request-4-google-test-button.json");

        Assert.Equal("FirstName", submission.Lead.FirstName);
        Assert.Equal("LastName", submission.Lead.LastName);
        Assert.Equal("1-650-555-0123", submission.Lead.Phone);
        Assert.Equal("test@example.com", submission.Lead.Email);
        Assert.Empty(submission.FieldErrors);
    }

    [Fact]
    public void Normalize_RejectsSamplePhone_IndianAccount()
    {
        // The sample's US number has no +, so read in India it is not a valid number. The server
        // must act on IsTest before validating, or Google's test button reports a failure.
        var submission = ReadFixture(GoogleCase, "request-4-google-test-button.json");

        var validation = submission.Normalize(India);

        Assert.Contains(validation.Errors, error => error.Field == LeadFields.Phone && error.Code == FieldErrorCodes.InvalidPhone);
    }

    [Fact]
    public void Read_SplitsAtFirstSpace_ThreePartName()
    {
        var submission = ReadFixture(GoogleCase, "request-5-three-part-name-work-email.json");

        var lead = NormalizeValid(submission);

        Assert.Equal("Mohammed", lead.FirstName);
        Assert.Equal("Irfan Khan", lead.LastName);
        Assert.Equal("+919876540205", lead.Phone.E164);
    }

    [Fact]
    public void Read_UsesWorkEmail_EmailMissing()
    {
        var submission = ReadFixture(GoogleCase, "request-5-three-part-name-work-email.json");

        Assert.Equal("irfan.khan@example.com", NormalizeValid(submission).Email);
        Assert.False(submission.Extras.ContainsKey("WORK_EMAIL"));
    }

    [Fact]
    public void Read_MapsFirstAndLast_NoColumnName()
    {
        var submission = ReadFixture(GoogleCase, "request-6-first-last-custom-question.json");

        var lead = NormalizeValid(submission);

        Assert.Equal("Meera", lead.FirstName);
        Assert.Equal("Iyer", lead.LastName);
        Assert.Equal("+919876540206", lead.Phone.E164);
        Assert.Null(lead.Email);
    }

    [Fact]
    public void Read_KeepsCustomQuestion_UnderColumnId()
    {
        var submission = ReadFixture(GoogleCase, "request-6-first-last-custom-question.json");

        Assert.Equal("5-10 lakh", submission.Extras["what_is_your_budget?"]);
        Assert.Empty(submission.FieldErrors);
    }

    [Fact]
    public void Read_PrefersEmail_BothEmailsSent()
    {
        var submission = ReadJson("""
            {"lead_id": "L1", "user_column_data": [
              {"string_value": "work@example.com", "column_id": "WORK_EMAIL"},
              {"string_value": "Asha Verma", "column_id": "FULL_NAME"},
              {"string_value": "+919876540201", "column_id": "PHONE_NUMBER"},
              {"string_value": "home@example.com", "column_id": "EMAIL"}]}
            """);

        Assert.Equal("home@example.com", submission.Lead.Email);
        Assert.Equal("work@example.com", submission.Extras["WORK_EMAIL"]);
    }

    [Fact]
    public void Read_UsesWorkPhone_PhoneMissing()
    {
        var submission = ReadJson("""
            {"user_column_data": [
              {"string_value": "Asha Verma", "column_id": "FULL_NAME"},
              {"string_value": "+91 98765 40207", "column_id": "WORK_PHONE"}]}
            """);

        Assert.Equal("+919876540207", NormalizeValid(submission).Phone.E164);
    }

    [Fact]
    public void Read_KeepsUnknownFields_NewColumnsAndKeys()
    {
        var submission = ReadJson("""
            {"lead_id": "L2", "asset_group_id": 555, "new_flag": true, "nested": {"a": [1, 2]},
             "user_column_data": [
              {"string_value": "Asha Verma", "column_id": "FULL_NAME"},
              {"string_value": "+919876540201", "column_id": "PHONE_NUMBER"},
              {"column_name": "Postal code", "string_value": "411001", "column_id": "POSTAL_CODE"},
              {"column_name": "Only a name", "string_value": "kept"},
              {"string_value": "no id or name"},
              "not an object"]}
            """);

        Assert.Empty(submission.FieldErrors);
        Assert.Equal("555", submission.Extras["asset_group_id"]);
        Assert.Equal("true", submission.Extras["new_flag"]);
        Assert.Equal("""{"a": [1, 2]}""", submission.Extras["nested"]);
        Assert.Equal("411001", submission.Extras["POSTAL_CODE"]);
        Assert.Equal("kept", submission.Extras["Only a name"]);
        Assert.Equal("+919876540201", NormalizeValid(submission).Phone.E164);
    }

    [Fact]
    public void Read_ReturnsWrongType_PhoneAsNumber()
    {
        var submission = ReadJson("""
            {"user_column_data": [
              {"string_value": "Asha Verma", "column_id": "FULL_NAME"},
              {"string_value": 919876540201, "column_id": "PHONE_NUMBER"}]}
            """);

        var error = Assert.Single(submission.FieldErrors);
        Assert.Equal(LeadFields.Phone, error.Field);
        Assert.Equal(FieldErrorCodes.WrongType, error.Code);
        Assert.Null(submission.Lead.Phone);
    }

    [Fact]
    public void FindRawValue_ReturnsColumnsAndIds_RealLead()
    {
        var submission = ReadFixture(GoogleCase, "request-1-real-lead.json");

        Assert.Equal("Asha Verma", submission.FindRawValue("FULL_NAME"));
        Assert.Equal("Pune", submission.FindRawValue("city"));
        Assert.Equal("TeSter-201-AbCdEfGhIjKlMnOpQrStUvWxYz", submission.FindRawValue("lead_id"));
        Assert.Equal("false", submission.FindRawValue("is_test"));
    }

    [Fact]
    public void FindRawValue_ReturnsNull_PlatformKey()
    {
        var submission = ReadFixture(GoogleCase, "request-1-real-lead.json");

        Assert.Null(submission.FindRawValue("google_key"));
    }

    [Fact]
    public void ToString_OmitsKeyAndLeadData_GoogleLead()
    {
        var submission = ReadFixture(GoogleCase, "request-1-real-lead.json");

        var text = submission.ToString();

        Assert.DoesNotContain("calliyo-demo-key-7f3a", text, StringComparison.Ordinal);
        Assert.DoesNotContain("9876540201", text, StringComparison.Ordinal);
        Assert.Contains("google_ads", text, StringComparison.Ordinal);
    }
}
