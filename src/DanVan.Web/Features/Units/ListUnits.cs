using System.Globalization;
using System.Text;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Features.Units;

public sealed record UnitListQuery(
    string? Q = null,
    int? ParentId = null,
    UnitLevel? Level = null,
    UnitKind? Kind = null,
    bool IncludeRetired = false,
    string? After = null,
    int Limit = 50,
    IReadOnlyList<int>? Ids = null
);

public sealed record UnitRow(
    int Id,
    string Code,
    string Name,
    string? NameEn,
    UnitKind Kind,
    UnitLevel Level,
    int? ParentId,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    int? SuccessorId,
    bool IsSynthetic,
    int? ProvinceId,
    int? CommuneId,
    int? VillageId
)
{
    public UnitRef Ref => new(Id, Level, ProvinceId, CommuneId, VillageId);

    public bool IsActive => ValidTo is null;
}

public sealed record UnitPage(IReadOnlyList<UnitRow> Items, string? Next);

/// <summary>
/// Units inside the caller's subtrees: searched without regard to diacritics ("bac ninh" finds "Bắc Ninh"),
/// filtered by parent, level and kind, in accent-insensitive name order, paged by keyset on (level, name, id).
/// </summary>
internal sealed class ListUnits(DanVanDbContext db, ICurrentUser user)
{
    public const int MaxLimit = 500;

    public async Task<UnitPage> HandleAsync(UnitListQuery query, CancellationToken ct)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var units = db.Units.AsNoTracking().Where(UnitScope.Units(user, Permission.UnitsView));
        if (!query.IncludeRetired)
        {
            units = units.Where(u => u.ValidTo == null);
        }

        if (query.ParentId is { } parentId)
        {
            units = units.Where(u => u.ParentId == parentId);
        }

        if (query.Ids is { } ids)
        {
            units = units.Where(u => ids.Contains(u.Id));
        }

        if (query.Level is { } level)
        {
            units = units.Where(u => u.Level == level);
        }

        if (query.Kind is { } kind)
        {
            units = units.Where(u => u.Kind == kind);
        }

        var text = TextSearch.Normalize(query.Q);
        if (text.Length > 0)
        {
            units = units.Where(u => u.SearchText.Contains(text));
        }

        if (Cursor.Decode(query.After) is { } after)
        {
            units = units.Where(u =>
                u.Level > after.Level
                || (u.Level == after.Level && string.Compare(u.SearchText, after.Key) > 0)
                || (u.Level == after.Level && u.SearchText == after.Key && u.Id > after.Id)
            );
        }

        var rows = await units
            .OrderBy(u => u.Level)
            .ThenBy(u => u.SearchText)
            .ThenBy(u => u.Id)
            .Take(limit + 1)
            .Select(u => new
            {
                Row = new UnitRow(
                    u.Id,
                    u.Code,
                    u.Name,
                    u.NameEn,
                    u.Kind,
                    u.Level,
                    u.ParentId,
                    u.ValidFrom,
                    u.ValidTo,
                    u.SuccessorId,
                    u.IsSynthetic,
                    u.ProvinceId,
                    u.CommuneId,
                    u.VillageId
                ),
                u.SearchText,
            })
            .ToListAsync(ct);

        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var last = rows[^1];
            next = Cursor.Encode(new Cursor(last.Row.Level, last.SearchText, last.Row.Id));
        }

        return new UnitPage([.. rows.Select(r => r.Row)], next);
    }

    private sealed record Cursor(UnitLevel Level, string Key, int Id)
    {
        public static string Encode(Cursor c) =>
            Convert
                .ToBase64String(
                    Encoding.UTF8.GetBytes(
                        string.Create(CultureInfo.InvariantCulture, $"{(int)c.Level}|{c.Id}|{c.Key}")
                    )
                )
                .TrimEnd('=')
                .Replace('+', '-')
                .Replace('/', '_');

        public static Cursor? Decode(string? text)
        {
            if (string.IsNullOrEmpty(text) || text.Length > 1000)
            {
                return null;
            }

            try
            {
                var padded = text.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - (padded.Length % 4)) % 4);
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|', 3);
                return
                    parts.Length == 3
                    && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level)
                    && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                    ? new Cursor((UnitLevel)level, parts[2], id)
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
