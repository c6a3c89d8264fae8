using System.Globalization;
using DanVan.Web.Features.Campaigns;

namespace DanVan.Tests.Campaigns;

/// <summary>Figures as people type them: strictly in the interface's culture, so "1269.5" in Vietnamese is refused, not
/// read as 12,695.</summary>
public sealed class FigureTextTests
{
    [Theory]
    [InlineData("vi-VN", "1.269,5", 1269.5)]
    [InlineData("vi-VN", "1269,5", 1269.5)]
    [InlineData("vi-VN", "1.269", 1269)]
    [InlineData("vi-VN", " 12 ", 12)]
    [InlineData("vi-VN", "-3", -3)]
    [InlineData("vi-VN", ",5", 0.5)]
    [InlineData("vi-VN", "1.000.000,125", 1000000.125)]
    [InlineData("en-GB", "1,269.5", 1269.5)]
    [InlineData("en-GB", "1269.5", 1269.5)]
    [InlineData("de-DE", "1.269,5", 1269.5)]
    public void A_figure_in_the_cultures_own_form_is_read(string culture, string text, double expected)
    {
        Assert.True(FigureText.TryParse(text, CultureInfo.GetCultureInfo(culture), out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("vi-VN", "1269.5")] // "." groups thousands in Vietnamese: not a group of three
    [InlineData("vi-VN", "12.5")]
    [InlineData("vi-VN", "1,269,5")]
    [InlineData("vi-VN", "1.2.3")]
    [InlineData("vi-VN", "12,")]
    [InlineData("vi-VN", "")]
    [InlineData("vi-VN", "mười")]
    [InlineData("vi-VN", "1e5")]
    [InlineData("vi-VN", "=1+1")]
    [InlineData("vi-VN", "١٢")] // digits of another script
    [InlineData("en-GB", "1.269,5")]
    [InlineData("en-GB", "12,5")]
    public void Anything_else_is_refused_rather_than_guessed(string culture, string text) =>
        Assert.False(FigureText.TryParse(text, CultureInfo.GetCultureInfo(culture), out _));

    [Theory]
    [InlineData("vi-VN", 1269.5, "1.269,5")]
    [InlineData("vi-VN", 12, "12")]
    [InlineData("vi-VN", 0.125, "0,125")]
    [InlineData("en-GB", 1269.5, "1,269.5")]
    public void Figures_are_shown_in_the_culture_with_only_their_own_decimals(
        string culture,
        double value,
        string expected
    )
    {
        var formatted = FigureText.Format((decimal)value, CultureInfo.GetCultureInfo(culture));
        Assert.Equal(expected, formatted);
        Assert.True(FigureText.TryParse(formatted, CultureInfo.GetCultureInfo(culture), out var back));
        Assert.Equal((decimal)value, back);
    }

    [Theory]
    [InlineData("1269.5", 1269.5)]
    [InlineData("1E+15", 1e15)]
    [InlineData(" 7 ", 7)]
    public void A_spreadsheets_number_is_read_in_the_invariant_form(string text, double expected)
    {
        Assert.True(FigureText.TryParseInvariant(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("1.269,5")]
    [InlineData("1,269.5")]
    [InlineData("12 graves")]
    [InlineData("=A1")]
    public void A_spreadsheets_text_is_not_guessed_at(string text) =>
        Assert.False(FigureText.TryParseInvariant(text, out _));
}
