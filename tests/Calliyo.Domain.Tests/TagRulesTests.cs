using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests;

public sealed class TagRulesTests
{
    [Theory]
    [InlineData("vip, hot", new[] { "vip", "hot" })]
    [InlineData("demo;priority", new[] { "demo", "priority" })]
    [InlineData(" VIP ; hot ,, ;", new[] { "VIP", "hot" })]
    [InlineData("vip,vip,VIP", new[] { "vip" })]
    [InlineData("vip;hot,new", new[] { "vip", "hot", "new" })]
    [InlineData("follow up\nwarm", new[] { "follow up", "warm" })]
    [InlineData("follow up\r\nwarm\rcold", new[] { "follow up", "warm", "cold" })]
    [InlineData("follow   up", new[] { "follow up" })]
    [InlineData("follow\tup", new[] { "follow up" })]
    [InlineData("follow\u00A0 up", new[] { "follow up" })]
    [InlineData("bulk", new[] { "bulk" })]
    [InlineData("=cmd|' /C calc'!A0", new[] { "=cmd|' /C calc'!A0" })]
    public void Parse_Entry_SplitsTrimsAndDeduplicates(string entry, string[] expected)
    {
        var (tags, error) = TagRules.Parse([entry]);

        Assert.Null(error);
        Assert.Equal(expected, tags);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" ,; ,")]
    public void Parse_NoTagText_ReturnsEmptyList(string entry)
    {
        var (tags, error) = TagRules.Parse([entry]);

        Assert.Null(error);
        Assert.Empty(tags);
    }

    [Fact]
    public void Parse_SeveralEntries_DeduplicatesAcrossEntries()
    {
        var (tags, error) = TagRules.Parse(["vip, hot", "HOT", "campaign"]);

        Assert.Null(error);
        Assert.Equal(["vip", "hot", "campaign"], tags);
    }

    [Fact]
    public void Parse_TagOverLengthLimit_ReturnsTooLong()
    {
        var longTag = new string('x', TextRules.MaxTagLength + 1);

        var (tags, error) = TagRules.Parse([longTag]);

        Assert.Empty(tags);
        Assert.Equal(FieldErrorCodes.TooLong, error?.Code);
    }

    [Fact]
    public void Parse_ControlCharacterInTag_ReturnsControlCharacters()
    {
        var (tags, error) = TagRules.Parse(["vip\u0001"]);

        Assert.Empty(tags);
        Assert.Equal(FieldErrorCodes.ControlCharacters, error?.Code);
    }

    [Fact]
    public void Parse_MoreTagsThanLimit_ReturnsTooLong()
    {
        var entry = string.Join(',', Enumerable.Range(1, TagRules.MaxTagsPerLead + 1).Select(i => $"t{i}"));

        var (tags, error) = TagRules.Parse([entry]);

        Assert.Empty(tags);
        Assert.Equal(FieldErrorCodes.TooLong, error?.Code);
    }
}
