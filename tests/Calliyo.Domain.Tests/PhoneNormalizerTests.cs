using Calliyo.Domain.Leads;
using Calliyo.Domain.Phones;

namespace Calliyo.Domain.Tests;

public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("+91 98765 43210", "+919876543210")]
    [InlineData("098765 43210", "+919876543210")]
    [InlineData("9876543210", "+919876543210")]
    [InlineData("919876543210", "+919876543210")]
    [InlineData("0091 98765 43210", "+919876543210")]
    [InlineData("+91-98765-43210", "+919876543210")]
    [InlineData("+91 (0) 98765 43210", "+919876543210")]
    [InlineData("98765.43210", "+919876543210")]
    [InlineData("(98765) 43210", "+919876543210")]
    [InlineData("91987 65432", "+919198765432")]
    [InlineData("+91 91987 65432", "+919198765432")]
    [InlineData("+44 7911 123456", "+447911123456")]
    [InlineData("+1 650 253 0000", "+16502530000")]
    [InlineData("98765 40140", "+919876540140")]
    [InlineData("p:+919876543210", "+919876543210")]
    [InlineData("'9876543210", "+919876543210")]
    [InlineData("=\"9876543210\"", "+919876543210")]
    [InlineData("919876543210.0", "+919876543210")]
    [InlineData("9.19876543210E+11", "+919876543210")]
    [InlineData("9,19876543210E+11", "+919876543210")]
    [InlineData("\u200E+91\u00A098765\u200B43210", "+919876543210")]
    [InlineData("\u0669\u0668\u0667\u0666\u0665\u0664\u0663\u0662\u0661\u0660", "+919876543210")]
    [InlineData("+91 \u096F\u096E\u096D\u096C\u096B \u096A\u0969\u0968\u0967\u0966", "+919876543210")]
    public void Normalize_ValidNumber_ReturnsE164(string raw, string expected)
    {
        var result = PhoneNormalizer.Normalize(raw, "IN");

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Phone!.E164);
        Assert.Null(result.Phone.Extension);
    }

    [Theory]
    [InlineData("+91 80 4567 8900 ext. 101", "+918045678900", "101")]
    [InlineData("080 4567 8900 x102", "+918045678900", "102")]
    [InlineData("080-4567-8900 ext. 101", "+918045678900", "101")]
    [InlineData("+91 80 4567 8911 ext.", "+918045678911", null)]
    [InlineData("+91 80 4567 8922;ext=7", "+918045678922", "7")]
    [InlineData("+91 80 4567 8933 #45", "+918045678933", "45")]
    public void Normalize_Extension_KeptApartFromE164(string raw, string e164, string? extension)
    {
        var result = PhoneNormalizer.Normalize(raw, "IN");

        Assert.Null(result.Error);
        Assert.Equal(e164, result.Phone!.E164);
        Assert.Equal(extension, result.Phone.Extension);
    }

    [Fact]
    public void Key_SameNumberDifferentExtension_Differs()
    {
        var first = PhoneNormalizer.Normalize("+91 80 4567 8900 ext. 101", "IN").Phone!;
        var second = PhoneNormalizer.Normalize("080 4567 8900 x102", "IN").Phone!;
        var third = PhoneNormalizer.Normalize("080-4567-8900 ext. 101", "IN").Phone!;

        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(first.Key, third.Key);
        Assert.Equal("+918045678900;ext=101", first.Key);
        Assert.Equal(first, NormalizedPhone.FromKey(first.Key));
    }

    [Theory]
    [InlineData("98765 4321", FieldErrorCodes.InvalidPhone)]
    [InlineData("98765 432109", FieldErrorCodes.InvalidPhone)]
    [InlineData("+91 55555 55555", FieldErrorCodes.InvalidPhone)]
    [InlineData("0000000000", FieldErrorCodes.InvalidPhone)]
    [InlineData("0919876543210", FieldErrorCodes.InvalidPhone)]
    [InlineData("12345", FieldErrorCodes.InvalidPhone)]
    [InlineData("+91 98765 43210 98765", FieldErrorCodes.InvalidPhone)]
    [InlineData("98765 43210 (Asha)", FieldErrorCodes.PhoneContainsText)]
    [InlineData("98765 40145 (Ma)", FieldErrorCodes.PhoneContainsText)]
    [InlineData("98765 4O146", FieldErrorCodes.PhoneContainsText)]
    [InlineData("CALL-NOW-123", FieldErrorCodes.PhoneContainsText)]
    [InlineData("N/A", FieldErrorCodes.Required)]
    [InlineData("-", FieldErrorCodes.Required)]
    [InlineData("", FieldErrorCodes.Required)]
    [InlineData("   ", FieldErrorCodes.Required)]
    [InlineData(null, FieldErrorCodes.Required)]
    [InlineData("98765 40148 / 98765 40149", FieldErrorCodes.MultiplePhones)]
    [InlineData("98765 40148 or 98765 40149", FieldErrorCodes.MultiplePhones)]
    [InlineData("98765 40148, 98765 40149", FieldErrorCodes.MultiplePhones)]
    [InlineData("9.19877E+11", FieldErrorCodes.LossyPhone)]
    [InlineData("9,19877E+11", FieldErrorCodes.LossyPhone)]
    [InlineData("#VALUE!", FieldErrorCodes.InvalidPhone)]
    public void Normalize_BadValue_ReturnsTypedError(string? raw, string code)
    {
        var result = PhoneNormalizer.Normalize(raw, "IN");

        Assert.Null(result.Phone);
        Assert.NotNull(result.Error);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(LeadFields.Phone, result.Error.Field);
        Assert.Equal(raw, result.Error.Value);
    }

    [Fact]
    public void Normalize_InvalidNumber_MessageNamesValueAndFix()
    {
        var result = PhoneNormalizer.Normalize("98765 4321", "IN");

        Assert.Contains("'98765 4321'", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("country code", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_RegionMatters_ForNationalNumbers()
    {
        var india = PhoneNormalizer.Normalize("07911 123456", "IN");
        var britain = PhoneNormalizer.Normalize("07911 123456", "GB");

        Assert.Equal("+917911123456", india.Phone!.E164);
        Assert.Equal("+447911123456", britain.Phone!.E164);
    }
}
