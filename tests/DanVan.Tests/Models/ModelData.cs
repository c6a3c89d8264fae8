using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Models;

/// <summary>Registration data for tests: every item of the form filled in, for a unit of the test tree.</summary>
public static class ModelData
{
    public static string Today =>
        DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<(int OrganizationId, int FieldId)> ReferencesAsync(
        DanVanApp app,
        Unit unit,
        string field = "culture-society"
    ) =>
        await app.WithDbAsync(async db =>
            (
                await db
                    .Organizations.Where(o => o.UnitId == unit.Id)
                    .OrderBy(o => o.Id)
                    .Select(o => o.Id)
                    .FirstAsync(),
                await db.ModelFields.Where(f => f.Code == field).Select(f => f.Id).SingleAsync()
            )
        );

    public static async Task<Dictionary<string, object?>> CompleteAsync(
        DanVanApp app,
        Unit unit,
        string name,
        bool register = true,
        string kind = "Model"
    )
    {
        var (organizationId, fieldId) = await ReferencesAsync(app, unit);
        return new Dictionary<string, object?>
        {
            ["unitId"] = unit.Id,
            ["organizationId"] = organizationId,
            ["fieldId"] = fieldId,
            ["kind"] = kind,
            ["name"] = name,
            ["situation"] = "Đường thôn hẹp, xuống cấp; nhân dân chưa đồng thuận.",
            ["goals"] = "Mở rộng 3 km đường; 100% hộ đồng thuận.",
            ["content"] = "Vận động từng hộ hiến đất, đảng viên đi đầu.",
            ["areaAndBeneficiaries"] = "Toàn xã; 450 hộ hưởng lợi.",
            ["forces"] = "Đảng ủy chủ trì, Mặt trận phối hợp, các chi hội tham gia.",
            ["resources"] = "Ngân sách 40%, nhân dân đóng góp 60%, 2.000 ngày công.",
            ["timeline"] = "Bắt đầu tháng 1, sơ kết tháng 6, đánh giá tháng 10.",
            ["outputs"] = "3 km đường, biên bản hiến đất của từng hộ.",
            ["sustainability"] = "Tổ tự quản duy tu; các xã lân cận học tập.",
            ["startDate"] = "2026-01-05",
            ["evaluationDate"] = "2026-10-01",
            ["personName"] = kind == "IndividualExemplar" ? "Nguyễn Văn Thử" : null,
            ["tags"] = "hiến đất, giao thông",
            ["isPublic"] = true,
            ["register"] = register,
        };
    }

    /// <summary>Registers a complete model through the API and returns its JSON.</summary>
    public static async Task<JsonElement> RegisterAsync(DanVanApp app, HttpClient api, Unit unit, string name)
    {
        var response = await api.PostAsJsonAsync("/api/v1/models", await CompleteAsync(app, unit, name));
        Assert.True(
            response.IsSuccessStatusCode,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
        );
        return await ApiJson.ReadAsync(response);
    }

    public static async Task<HttpResponseMessage> StepAsync(
        HttpClient api,
        JsonElement model,
        string action,
        object? data = null
    )
    {
        var body = new Dictionary<string, object?>
        {
            ["action"] = action,
            ["version"] = model.GetProperty("version").GetInt32(),
        };
        if (data is not null)
        {
            foreach (var property in data.GetType().GetProperties())
            {
                body[char.ToLowerInvariant(property.Name[0]) + property.Name[1..]] = property.GetValue(data);
            }
        }

        return await api.PostAsJsonAsync($"/api/v1/models/{model.GetProperty("id").GetInt32()}/steps", body);
    }

    /// <summary>Takes a step that must succeed and returns the model after it.</summary>
    public static async Task<JsonElement> StepOkAsync(
        HttpClient api,
        JsonElement model,
        string action,
        object? data = null
    )
    {
        var response = await StepAsync(api, model, action, data);
        Assert.True(
            response.IsSuccessStatusCode,
            $"{action}: {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
        );
        return await ApiJson.ReadAsync(response);
    }
}
