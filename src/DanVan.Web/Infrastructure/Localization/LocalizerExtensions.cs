using Microsoft.Extensions.Localization;

namespace DanVan.Web.Infrastructure.Localization;

public static class LocalizerExtensions
{
    /// <summary>The localized name of an enum value: resource key Enum_{Type}_{Value}.</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value)
        where T : struct, System.Enum =>
        localizer[$"Enum_{typeof(T).Name}_{value}"];

    public static string EnumKey<T>(T value)
        where T : struct, System.Enum => $"Enum_{typeof(T).Name}_{value}";
}
