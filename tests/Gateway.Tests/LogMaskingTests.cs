using Medisettle.Gateway.Diagnostics;

namespace Medisettle.Gateway.Tests;

public sealed class LogMaskingTests
{
    [Theory]
    [InlineData("110101199003071234", "110101********1234")]
    [InlineData("11010119900307123X", "110101********123X")]
    [InlineData("12345678901", "123456*8901")]
    [InlineData("1234567890", "**********")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Id_number_keeps_only_its_first_six_and_last_four_characters(string? idNumber, string masked)
    {
        Assert.Equal(masked, LogMasking.MaskIdNumber(idNumber));
    }

    [Theory]
    [InlineData("张三丰", "张**")]
    [InlineData("李", "李")]
    [InlineData(null, "")]
    public void Name_keeps_only_its_first_character(string? name, string masked)
    {
        Assert.Equal(masked, LogMasking.MaskName(name));
    }
}
