using System.Text.Json;
using System.Text.Json.Serialization;

namespace DanVan.Tests.Infrastructure;

/// <summary>The API's JSON conventions (camelCase, enums as names), for reading responses into the app's records.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
