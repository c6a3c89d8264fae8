using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Models;

public static class Catalogue
{
    public static readonly (string Code, string Vi, string En, string De)[] CoreFields =
    [
        ("economy", "Kinh tế", "Economy", "Wirtschaft"),
        ("culture-society", "Văn hóa – xã hội", "Culture and society", "Kultur und Gesellschaft"),
        (
            "defense-security",
            "Quốc phòng – an ninh",
            "National defence and security",
            "Landesverteidigung und Sicherheit"
        ),
        (
            "political-system",
            "Xây dựng Đảng, hệ thống chính trị",
            "Building the Party and the political system",
            "Aufbau der Partei und des politischen Systems"
        ),
    ];

    public static readonly (
        string Code,
        string Vi,
        string En,
        string De,
        (string Vi, string En, string De) Measure,
        bool Whole
    )[] CoreIndicators =
    [
        ("land-donated", "Diện tích đất hiến", "Land donated", "Gespendete Fläche", ("m²", "m²", "m²"), false),
        (
            "workdays",
            "Ngày công đóng góp",
            "Workdays contributed",
            "Geleistete Arbeitstage",
            ("ngày công", "workdays", "Arbeitstage"),
            true
        ),
        (
            "money-mobilized",
            "Kinh phí vận động",
            "Money mobilized",
            "Mobilisierte Mittel",
            ("đồng", "VND", "VND"),
            true
        ),
        (
            "road-built",
            "Đường giao thông làm mới, cải tạo",
            "Road built or upgraded",
            "Gebaute oder ausgebaute Straße",
            ("km", "km", "km"),
            false
        ),
        (
            "cultural-houses",
            "Nhà văn hóa xây mới",
            "Cultural houses built",
            "Gebaute Kulturhäuser",
            ("nhà", "houses", "Häuser"),
            true
        ),
        (
            "households",
            "Hộ gia đình hưởng lợi",
            "Households benefiting",
            "Begünstigte Haushalte",
            ("hộ", "households", "Haushalte"),
            true
        ),
        (
            "members",
            "Thành viên tham gia",
            "Members taking part",
            "Teilnehmende Mitglieder",
            ("người", "people", "Personen"),
            true
        ),
    ];

    /// <summary>Adds the core fields, indicators and default rubrics a database lacks (by code); administrators add the
    /// rest.</summary>
    public static async Task EnsureAsync(DanVanDbContext db, CancellationToken ct = default)
    {
        var fields = await db.ModelFields.Select(f => f.Code).ToListAsync(ct);
        var order = 0;
        foreach (var (code, vi, en, de) in CoreFields)
        {
            order += 10;
            if (!fields.Contains(code))
            {
                db.ModelFields.Add(
                    new ModelField
                    {
                        Code = code,
                        Name = vi,
                        NameEn = en,
                        NameDe = de,
                        IsCore = true,
                        SortOrder = order,
                    }
                );
            }
        }

        var indicators = await db.ResultIndicators.Select(i => i.Code).ToListAsync(ct);
        order = 0;
        foreach (var (code, vi, en, de, measure, whole) in CoreIndicators)
        {
            order += 10;
            if (!indicators.Contains(code))
            {
                db.ResultIndicators.Add(
                    new ResultIndicator
                    {
                        Code = code,
                        Name = vi,
                        NameEn = en,
                        NameDe = de,
                        Measure = measure.Vi,
                        MeasureEn = measure.En,
                        MeasureDe = measure.De,
                        WholeNumbers = whole,
                        SortOrder = order,
                    }
                );
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        await RubricMath.EnsureDefaultsAsync(db, ct);
    }
}

/// <summary>The fields and indicators of the catalogue, for forms and filters (two small statements).</summary>
internal sealed class ModelCatalogueReader(DanVanDbContext db)
{
    public async Task<(IReadOnlyList<ModelField> Fields, IReadOnlyList<ResultIndicator> Indicators)> ReadAsync(
        CancellationToken ct
    )
    {
        var fields = await db.ModelFields.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Id).ToListAsync(ct);
        var indicators = await db
            .ResultIndicators.AsNoTracking()
            .OrderBy(i => i.SortOrder)
            .ThenBy(i => i.Id)
            .ToListAsync(ct);
        return (fields, indicators);
    }
}
