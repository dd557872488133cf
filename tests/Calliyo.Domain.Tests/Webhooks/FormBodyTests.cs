using System.Text;
using Calliyo.Domain.Webhooks;
using static Calliyo.Domain.Tests.Webhooks.WebhookTestBodies;

namespace Calliyo.Domain.Tests.Webhooks;

public sealed class FormBodyTests
{
    [Fact]
    public void Read_KeepsPlus_UnencodedLeadingPlus()
    {
        var submission = ReadForm("first_name=Asha&phone=+919876543210");

        Assert.Equal("+919876543210", submission.Lead.Phone);
        Assert.Equal("+919876543210", NormalizeValid(submission).Phone.E164);
    }

    [Fact]
    public void Read_DecodesSpaces_PlusInsidePhone()
    {
        var submission = ReadForm("first_name=Asha&Mobile+Number=+91+98765+43210");

        Assert.Equal("+91 98765 43210", submission.Lead.Phone);
    }

    [Fact]
    public void Read_DecodesPlus_PercentEncodedPlus()
    {
        var submission = ReadForm("first_name=Asha&phone=%2B44%207911%20123456");

        Assert.Equal("+447911123456", NormalizeValid(submission).Phone.E164);
    }

    [Fact]
    public void Read_DecodesSpace_LeadingPlusOutsidePhone()
    {
        var submission = ReadForm("first_name=Asha&phone=9876543210&note=+urgent");

        Assert.Equal(" urgent", submission.Extras["note"]);
    }

    [Fact]
    public void Read_SplitsAtFirstSpace_SingleNameField()
    {
        var submission = ReadForm("name=Mohammed+Irfan+Khan&phone=9876540205");

        var lead = NormalizeValid(submission);

        Assert.Equal("Mohammed", lead.FirstName);
        Assert.Equal("Irfan Khan", lead.LastName);
        Assert.Equal(WebhookPayloadFormat.Flat, submission.Format);
    }

    [Fact]
    public void Read_LeavesLastNameNull_OneWordName()
    {
        var submission = ReadForm("full_name=Asha&phone=9876540205");

        Assert.Equal("Asha", submission.Lead.FirstName);
        Assert.Null(submission.Lead.LastName);
    }

    [Fact]
    public void FindRawValue_ReturnsValue_FilledHoneypot()
    {
        var submission = ReadForm("name=Asha&phone=9876540205&website=http%3A%2F%2Fspam.example");

        Assert.Equal("http://spam.example", submission.FindRawValue("website"));
        Assert.Equal("http://spam.example", submission.FindRawValue("Website"));
    }

    [Fact]
    public void FindRawValue_ReturnsEmpty_EmptyHoneypot()
    {
        var submission = ReadForm("name=Asha&phone=9876540205&website=");

        Assert.Equal("", submission.FindRawValue("website"));
    }

    [Fact]
    public void FindRawValue_ReturnsNull_FieldNotSubmitted()
    {
        var submission = ReadForm("name=Asha&phone=9876540205");

        Assert.Null(submission.FindRawValue("website"));
    }

    [Fact]
    public void Read_KeepsExtras_UnknownFields()
    {
        var submission = ReadForm("name=Asha&phone=9876540205&utm_source=google&city=Pune&submit=Send");

        Assert.Equal("google", submission.Extras["utm_source"]);
        Assert.Equal("Pune", submission.Extras["city"]);
        Assert.Equal("Send", submission.Extras["submit"]);
        Assert.Empty(submission.FieldErrors);
    }

    [Fact]
    public void Read_KeepsEveryEntry_RepeatedTags()
    {
        var submission = ReadForm("name=Asha&phone=9876540205&tags=vip&tags=hot%3B+new");

        Assert.Equal(["vip", "hot", "new"], NormalizeValid(submission).Tags);
    }

    [Fact]
    public void Read_JoinsValues_RepeatedUnknownField()
    {
        var submission = ReadForm("name=Asha&phone=9876540205&interest=Home+loan&interest=Car+loan");

        Assert.Equal("Home loan, Car loan", submission.Extras["interest"]);
        Assert.Equal("Home loan, Car loan", submission.FindRawValue("interest"));
    }

    [Fact]
    public void Read_DecodesText_PercentEncodedUtf8()
    {
        var submission = ReadForm("first_name=%E0%A4%86%E0%A4%B6%E0%A4%BE&phone=9876540205");

        Assert.Equal("आशा", submission.Lead.FirstName);
    }

    [Fact]
    public void Read_KeepsPercentSign_NoHexDigits()
    {
        var submission = ReadForm("name=Asha&phone=9876540205&discount=100%&code=%zz");

        Assert.Equal("100%", submission.Extras["discount"]);
        Assert.Equal("%zz", submission.Extras["code"]);
    }

    [Fact]
    public void Read_ReturnsInvalidUtf8_BadDecodedBytes()
    {
        var error = ReadError(Form, Encoding.ASCII.GetBytes("first_name=%C3%28&phone=9876540205"));

        Assert.Equal(WebhookBodyErrorCodes.InvalidUtf8, error.Code);
        Assert.Contains("'first_name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReturnsUnsupportedCharset_Latin1Form()
    {
        var error = ReadError("application/x-www-form-urlencoded; charset=ISO-8859-1", Encoding.ASCII.GetBytes("name=Asha"));

        Assert.Equal(WebhookBodyErrorCodes.UnsupportedCharset, error.Code);
        Assert.Contains("'ISO-8859-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Succeeds_Utf8Charset()
    {
        var result = WebhookBodyReader.Read("application/x-www-form-urlencoded; charset=UTF-8", Encoding.ASCII.GetBytes("name=Asha&phone=9876540205"));

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Read_RecordsEmptyValue_NoEqualsSign()
    {
        var submission = ReadForm("name=Asha&phone=9876540205&subscribe");

        Assert.Equal("", submission.FindRawValue("subscribe"));
        Assert.False(submission.Extras.ContainsKey("subscribe"));
    }
}
