using System.Text.Json;
using System.Text.Json.Serialization;

namespace DanVan.Tests.Infrastructure;

/// <summary>The API's JSON conventions (camelCase, enums as names), for reading responses into the app's
/// records.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The response's JSON, whatever its status (for problem details and expected refusals).</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The response's JSON, asserting first that the request succeeded (the failure names the request and the
    /// answer).</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.IsSuccessStatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}"
        );
        return JsonDocument.Parse(text).RootElement;
    }
}
