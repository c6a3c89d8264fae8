using System.Text.Json;
using System.Text.Json.Serialization;

namespace DanVan.Demo;

/// <summary>
/// Reads the demo's text tables: the Vietnamese names, titles and texts in <c>Data/*.json</c>, embedded in this
/// assembly
/// (one row a line, keys in camelCase, enums by name). The order of every list and object is kept: the demo's random
/// draws index into them.
/// </summary>
internal static class DemoText
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static T Load<T>(string name)
    {
        var resource = $"DanVan.Demo.Data.{name}.json";
        using var stream = typeof(DemoText).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException(
                $"The demo's data file Data/{name}.json is not embedded ({resource})."
            );
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new InvalidOperationException($"Data/{name}.json holds nothing.");
    }
}
