using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Tests;

public sealed class EmailRulesTests
{
    [Theory]
    [InlineData("asha.verma@example.com")]
    [InlineData("a@b.co")]
    [InlineData("first.last+tag@mail.example.co.in")]
    [InlineData("x@my-host.example.com")]
    public void Check_ValidAddress_ReturnsNull(string email)
    {
        var error = EmailRules.Check(email, email);

        Assert.Null(error);
    }

    [Theory]
    [InlineData("asha")]
    [InlineData("@example.com")]
    [InlineData("asha@")]
    [InlineData("asha@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("asha verma@example.com")]
    [InlineData("asha@example")]
    [InlineData("asha@example.c")]
    [InlineData("asha@example..com")]
    [InlineData("asha@.example.com")]
    [InlineData("asha@example.com.")]
    [InlineData("asha@-example.com")]
    [InlineData("asha@example-.com")]
    [InlineData(".asha@example.com")]
    [InlineData("asha.@example.com")]
    [InlineData("as..ha@example.com")]
    [InlineData("<asha@example.com>")]
    [InlineData("asha@example.com;rahul@example.com")]
    [InlineData("asha\\@example.com")]
    public void Check_InvalidAddress_ReturnsInvalidEmail(string email)
    {
        var error = EmailRules.Check(email, email);

        Assert.Equal(FieldErrorCodes.InvalidEmail, error?.Code);
    }

    [Fact]
    public void Check_NoAddress_ReturnsNull()
    {
        var error = EmailRules.Check(null, null);

        Assert.Null(error);
    }
}
