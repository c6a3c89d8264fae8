using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Petitions;

public static class PetitionData
{
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<int> CategoryAsync(DanVanApp app, string code = "infrastructure") =>
        await app.WithDbAsync(db => db.PetitionCategories.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    public static async Task<int> OrganizationAsync(DanVanApp app, Unit unit) =>
        await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == unit.Id).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync()
        );

    public static Dictionary<string, object?> Conference(Unit unit, DateOnly heldOn) =>
        new()
        {
            ["unitId"] = unit.Id,
            ["type"] = "DialogueConference",
            ["heldOn"] = Iso(heldOn),
            ["startsAt"] = "08:00:00",
            ["format"] = "Both",
            ["place"] = "Hội trường Ủy ban nhân dân xã",
            ["onlineLink"] = "https://hop.example.vn/doi-thoai",
            ["topic"] = "Đối thoại về giải phóng mặt bằng Vành đai 4",
            ["chairName"] = "Nguyễn Văn Chủ",
            ["chairPosition"] = "Chủ tịch UBND xã",
            ["chairOrganization"] = "Ủy ban nhân dân xã",
            ["coChairs"] = "Trần Thị Đồng, Chủ tịch HĐND xã",
            ["citizenCount"] = 120,
            ["businessCount"] = 4,
            ["officialCount"] = 15,
            ["minutes"] = "Người dân nêu 3 kiến nghị.",
            ["conclusions"] = "Giao các cơ quan trả lời trong 20 ngày.",
        };

    public static async Task<Dictionary<string, object?>> PetitionAsync(
        DanVanApp app,
        Unit place,
        DateOnly receivedOn,
        int? dialogueId = null,
        string title = "Đường thôn ngập nước sau mưa",
        string category = "infrastructure"
    ) =>
        new()
        {
            ["unitId"] = place.Id,
            ["dialogueId"] = dialogueId,
            ["channel"] = dialogueId is null ? "Reception" : "Dialogue",
            ["receivedOn"] = Iso(receivedOn),
            ["categoryId"] = await CategoryAsync(app, category),
            ["title"] = title,
            ["content"] = "Đề nghị nạo vét rãnh thoát nước dọc đường thôn; nhà ông B bị ngập.",
            ["petitionerKind"] = "Citizen",
            ["petitionerName"] = "Lê Văn Dân",
            ["petitionerPhone"] = "0912 345 678",
            ["petitionerAddress"] = "Xóm 3, thôn Thượng",
            ["petitionerIdNumber"] = "001203004567",
        };

    public static async Task<JsonElement> RecordAsync(HttpClient api, Dictionary<string, object?> body) =>
        await ApiJson.OkAsync(await api.PostAsJsonAsync("/api/v1/petitions", body));

    /// <summary>The verdict PIN of the receipt in the answer that recorded the petition (shown once, only
    /// there).</summary>
    public static string PinOf(JsonElement recorded) =>
        recorded.GetProperty("receipt").GetProperty("verdictPin").GetString()!;

    public static Task<HttpResponseMessage> StepAsync(
        HttpClient api,
        JsonElement petition,
        string action,
        object? data = null
    )
    {
        var body = new Dictionary<string, object?>
        {
            ["action"] = action,
            ["version"] = petition.GetProperty("version").GetInt32(),
        };
        if (data is not null)
        {
            foreach (var property in data.GetType().GetProperties())
            {
                body[char.ToLowerInvariant(property.Name[0]) + property.Name[1..]] = property.GetValue(data);
            }
        }

        return api.PostAsJsonAsync($"/api/v1/petitions/{petition.GetProperty("id").GetInt32()}/steps", body);
    }

    public static async Task<JsonElement> StepOkAsync(
        HttpClient api,
        JsonElement petition,
        string action,
        object? data = null
    ) => await ApiJson.OkAsync(await StepAsync(api, petition, action, data));

    public static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage response)
    {
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.TryGetProperty("errors", out var errors)
            ? errors
                .EnumerateObject()
                .ToDictionary(
                    p => p.Name,
                    p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
                    StringComparer.OrdinalIgnoreCase
                )
            : [];
    }
}
