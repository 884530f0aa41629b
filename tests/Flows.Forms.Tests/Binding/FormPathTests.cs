namespace Flows.Forms.Tests.Binding;

/// <summary>Post names back to JSON Pointers (<see cref="FormPath.ToPointer"/>), for errors reported by pointer.</summary>
public sealed class FormPathTests
{
    [Theory]
    [InlineData("host", "/host")]
    [InlineData("proxy.port", "/proxy/port")]
    [InlineData("servers[0].host", "/servers/0/host")]
    [InlineData("servers[12]", "/servers/12")]
    [InlineData("servers[].host", "/servers/-/host")]
    [InlineData("auth@1.token", "/auth/token")]
    [InlineData("auth@", "/auth")]
    [InlineData("@0.token", "/token")]
    [InlineData("servers[0].auth@2.secret!clear", "/servers/0/auth/secret")]
    [InlineData("apiKey!clear", "/apiKey")]
    [InlineData("$json", "")]
    public void ToPointer_GivesThePointerOfTheValueAPostNameStandsFor(string path, string expected)
    {
        FormPath.ToPointer(path).ShouldBe(expected);
    }

    [Fact]
    public void ToPointer_OfTheLabel_IsNull_ForTheLabelIsNotAValue()
    {
        FormPath.ToPointer(FormPath.Label).ShouldBeNull();
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("x[0]")]
    [InlineData("a/b~c")]
    [InlineData("@home!$")]
    [InlineData("")]
    [InlineData("plain")]
    public void ToPointer_OfAnEscapedName_IsThePointerOfTheNameItself(string name)
    {
        var path = FormPath.Property("group", name);

        FormPath.ToPointer(path).ShouldBe(FormPath.PointerProperty("/group", name));
        FormPath.Unescape(FormPath.Escape(name)).ShouldBe(name);
    }

    [Fact]
    public void ToPointer_OfAnUnclosedBracket_Throws()
    {
        Should.Throw<ArgumentException>(() => FormPath.ToPointer("servers[0"));
    }
}
