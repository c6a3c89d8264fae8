using Microsoft.Extensions.Localization;

namespace DanVan.Web.Infrastructure.Localization;

public static class LocalizerExtensions
{
    /// <summary>The localized name of an enum value: resource key Enum_{Type}_{Value}.</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value)
        where T : struct, System.Enum => localizer[$"Enum_{typeof(T).Name}_{value}"];

    /// <summary>The localized name of an entity type of the audit trail (key Entity_{Name}), or the name
    /// itself.</summary>
    public static string Entity(this IStringLocalizer localizer, string name)
    {
        var text = localizer["Entity_" + name];
        return text.ResourceNotFound ? name : text.Value;
    }

    public static string EnumKey<T>(T value)
        where T : struct, System.Enum => $"Enum_{typeof(T).Name}_{value}";
}
