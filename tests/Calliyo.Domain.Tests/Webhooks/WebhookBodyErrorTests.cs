using System.Text;
using Calliyo.Domain.Webhooks;
using static Calliyo.Domain.Tests.Webhooks.WebhookTestBodies;

namespace Calliyo.Domain.Tests.Webhooks;

public sealed class WebhookBodyErrorTests
{
    [Fact]
    public void Read_ReturnsMalformedJson_LeadingZero()
    {
        var body = Encoding.UTF8.GetBytes("{\n  \"firstName\": \"Arjun\",\n  \"lastName\": \"Menon\",\n  \"phone\": 09876540238\n}\n");

        var error = ReadError(Json, body);

        Assert.Equal(WebhookBodyErrorCodes.MalformedJson, error.Code);
        Assert.Equal(4, error.Line);
        Assert.Equal(13, error.Column);
        Assert.Contains("line 4, column 13", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReturnsMalformedJson_TruncatedBody()
    {
        var error = ReadError(Json, Encoding.UTF8.GetBytes("{\"firstName\": \"Asha\""));

        Assert.Equal(WebhookBodyErrorCodes.MalformedJson, error.Code);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Read_ReturnsMalformedJson_TrailingComma()
    {
        var error = ReadError(Json, Encoding.UTF8.GetBytes("{\"firstName\": \"Asha\",}"));

        Assert.Equal(WebhookBodyErrorCodes.MalformedJson, error.Code);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/xml")]
    [InlineData("not a media type;;")]
    public void Read_NamesAcceptedTypes_UnsupportedContentType(string contentType)
    {
        var error = ReadError(contentType, Encoding.UTF8.GetBytes("{\"firstName\": \"Asha\"}"));

        Assert.Equal(WebhookBodyErrorCodes.UnsupportedMediaType, error.Code);
        Assert.Contains("application/json", error.Message, StringComparison.Ordinal);
        Assert.Contains("application/x-www-form-urlencoded", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Read_ReturnsUnsupportedMediaType_NoContentType(string? contentType)
    {
        var error = ReadError(contentType, Encoding.UTF8.GetBytes("{\"firstName\": \"Asha\"}"));

        Assert.Equal(WebhookBodyErrorCodes.UnsupportedMediaType, error.Code);
    }

    [Theory]
    [InlineData("application/vnd.api+json")]
    [InlineData("Application/JSON; charset=\"utf-8\"")]
    public void Read_ParsesJson_JsonTypeVariants(string contentType)
    {
        var result = WebhookBodyReader.Read(contentType, Encoding.UTF8.GetBytes("{\"firstName\": \"Asha\", \"phone\": \"9876540201\"}"));

        Assert.Equal("Asha", result.Submission?.Lead.FirstName);
    }

    [Fact]
    public void Read_ReturnsJsonNotObject_ArrayBody()
    {
        var error = ReadError(Json, Encoding.UTF8.GetBytes("[{\"firstName\": \"Asha\", \"phone\": \"9876540201\"}]"));

        Assert.Equal(WebhookBodyErrorCodes.JsonNotObject, error.Code);
        Assert.Contains("JSON array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReturnsJsonNotObject_StringBody()
    {
        var error = ReadError(Json, Encoding.UTF8.GetBytes("\"Asha\""));

        Assert.Equal(WebhookBodyErrorCodes.JsonNotObject, error.Code);
    }

    [Theory]
    [InlineData(Json, "")]
    [InlineData(Json, " \r\n\t")]
    [InlineData(Json, "\uFEFF")]
    [InlineData(Form, "")]
    [InlineData(Form, "\n")]
    public void Read_ReturnsEmptyBody_NoContent(string contentType, string body)
    {
        var error = ReadError(contentType, Encoding.UTF8.GetBytes(body));

        Assert.Equal(WebhookBodyErrorCodes.EmptyBody, error.Code);
    }

    [Fact]
    public void Read_SkipsByteOrderMark_JsonBody()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"firstName\": \"Asha\"}")).ToArray();

        var result = WebhookBodyReader.Read(Json, body);

        Assert.Equal("Asha", result.Submission?.Lead.FirstName);
    }

    [Fact]
    public void Read_ReturnsInvalidUtf8_BadJsonBytes()
    {
        byte[] body = [.. "{\n\"firstName\": \""u8, 0xC3, 0x28, .. "\"}"u8];

        var error = ReadError(Json, body);

        Assert.Equal(WebhookBodyErrorCodes.InvalidUtf8, error.Code);
        Assert.Equal(2, error.Line);
        Assert.Equal(15, error.Column);
    }

    [Fact]
    public void Read_ReturnsUnsupportedCharset_Latin1Json()
    {
        var error = ReadError("application/json; charset=latin1", Encoding.UTF8.GetBytes("{}"));

        Assert.Equal(WebhookBodyErrorCodes.UnsupportedCharset, error.Code);
    }

    [Fact]
    public void ToCode_ReturnsSnakeCase_EveryFormat()
    {
        Assert.Equal("flat", WebhookPayloadFormat.Flat.ToCode());
        Assert.Equal("google_ads", WebhookPayloadFormat.GoogleAds.ToCode());
        Assert.Equal("meta_lead", WebhookPayloadFormat.MetaLead.ToCode());
    }
}
