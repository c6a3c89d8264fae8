using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Exports;
using DanVan.Web.Infrastructure.Localization;
using DanVan.Web.Resources;
using Microsoft.Extensions.Localization;

namespace DanVan.Web.Features.Petitions;

/// <summary>
/// The petition register as the caller filtered it, as .csv or .xlsx: the same scope and filters as the list
/// (<see cref="ListPetitions.FilterAsync"/>), read in pages of 2,000 by keyset and written as they arrive. The
/// register's fields only (<see cref="SensitiveField.PetitionRegister"/>): no petitioner, no letter, no answer's text.
/// The tracking code only where the caller may see it (<see cref="SensitiveField.TrackingCode"/>), and its column only
/// for those who may see codes at all. The export itself is audited.
/// </summary>
internal sealed class ExportPetitions(
    DanVanDbContext db,
    [FromKeyedServices(ReadReplica.PrimaryKey)] DanVanDbContext primary,
    ICurrentUser user,
    ListPetitions list,
    PetitionForms forms,
    IStringLocalizer<SharedResource> L
)
{
    private const int PageSize = 2000;

    public async Task<IResult> HandleAsync(PetitionQuery query, ExportFormat format, CancellationToken ct)
    {
        var filtered = await list.FilterAsync(query, ct);
        var categories = (await forms.CategoriesAsync(ct)).ToDictionary(c => c.Id, c => c.LocalName);
        var codes = SeesCodes(user);
        string[] headers =
        [
            L["Export_Id"],
            .. codes ? new[] { L["Petitions_Code"].Value } : [],
            L["Field_PetitionTitle"],
            L["Field_PetitionCategory"],
            L["Field_Unit"],
            L["Models_Status"],
            L["Field_ReceivedOn"],
            L["Field_ResponsibleOrganization"],
            L["Field_DueOn"],
            L["Export_AnsweredOn"],
            L["Export_Escalated"],
        ];

        // Written to the primary: a background export may read its rows from the read replica.
        primary.Audit(
            AuditAction.Exported,
            nameof(Petition),
            null,
            user.Active?.Unit,
            $"format={format}; filters={Describe(query)}"
        );
        await primary.SaveChangesAsync(ct);
        return await TableExport.ResultAsync(format, "kien-nghi", headers, Rows(filtered, categories, codes), ct);
    }

    /// <summary>Whether any of the caller's grants could show a tracking code (the column is left out
    /// otherwise).</summary>
    private static bool SeesCodes(ICurrentUser user) => FieldRules.SeesAnywhere(user, SensitiveField.TrackingCode);

    private IEnumerable<object?[]> Rows(IQueryable<Petition> filtered, Dictionary<int, string> categories, bool codes)
    {
        var after = int.MaxValue;
        var yes = L["Common_Yes"].Value;
        var no = L["Common_No"].Value;
        // A handful of statuses: each named once, not once a row.
        var statuses = Enum.GetValues<PetitionStatus>().ToDictionary(s => s, s => L.Enum(s));
        // Names by id, read once per page for the ids not seen yet (two lookups a row in SQL were a third of the
        // export's time at national scale), bounded so that a country's export does not hold every village's name.
        var unitNames = new NameCache();
        var organizationNames = new NameCache();
        while (true)
        {
            var cursor = after;
            var page = filtered
                .Where(p => p.Id < cursor)
                .OrderByDescending(p => p.Id)
                .Take(PageSize)
                .Select(p => new
                {
                    p.Id,
                    p.TrackingCode,
                    p.Title,
                    p.CategoryId,
                    p.Status,
                    p.ReceivedOn,
                    p.DueOn,
                    p.AnsweredOn,
                    Escalated = p.EscalatedToUnitId != null,
                    p.UnitId,
                    p.HandlingUnitId,
                    p.ProvinceId,
                    p.CommuneId,
                    p.VillageId,
                    p.AssignedOrganizationId,
                })
                .ToList();
            unitNames.Fill(page.Select(p => p.UnitId), ids =>
                db.Units.Where(u => ids.Contains(u.Id)).Select(u => new KeyValuePair<int, string>(u.Id, u.Name))
            );
            organizationNames.Fill(
                page.Where(p => p.AssignedOrganizationId != null).Select(p => p.AssignedOrganizationId!.Value),
                ids =>
                    db.Organizations.Where(o => ids.Contains(o.Id))
                        .Select(o => new KeyValuePair<int, string>(o.Id, o.Name))
            );
            foreach (var p in page)
            {
                object?[] rest =
                [
                    p.Title,
                    categories.GetValueOrDefault(p.CategoryId),
                    unitNames[p.UnitId],
                    statuses[p.Status],
                    p.ReceivedOn,
                    p.AssignedOrganizationId is { } organization ? organizationNames[organization] : null,
                    p.DueOn,
                    p.AnsweredOn,
                    p.Escalated ? yes : no,
                ];
                yield return codes
                    ?
                    [
                        p.Id,
                        PetitionAccess.SeesCode(
                            user,
                            p.UnitId,
                            p.HandlingUnitId,
                            p.ProvinceId,
                            p.CommuneId,
                            p.VillageId
                        )
                            ? p.TrackingCode
                            : null,
                        .. rest,
                    ]
                    : [p.Id, .. rest];
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Names by id for the rows of an export: filled a page at a time with the ids it has not seen (one
    /// statement), emptied when it holds <see cref="Capacity"/> names so that its memory stays bounded.</summary>
    private sealed class NameCache
    {
        private const int Capacity = 20_000;
        private readonly Dictionary<int, string> names = [];

        public string this[int id] => names.GetValueOrDefault(id, "");

        public void Fill(IEnumerable<int> ids, Func<List<int>, IQueryable<KeyValuePair<int, string>>> read)
        {
            var missing = ids.Where(id => !names.ContainsKey(id)).Distinct().ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (names.Count + missing.Count > Capacity)
            {
                names.Clear();
                // The page's ids that were cached are needed again.
                missing = ids.Distinct().ToList();
            }

            foreach (var (id, name) in read(missing))
            {
                names[id] = name;
            }
        }
    }

    private static string Describe(PetitionQuery q) =>
        string.Join(
            ' ',
            new[]
            {
                q.UnitId is { } u ? $"unit={u}" : null,
                q.Status is { } s ? $"status={s}" : null,
                q.CategoryId is { } c ? $"category={c}" : null,
                q.OrganizationId is { } o ? $"organization={o}" : null,
                q.Overdue ? "overdue" : null,
                q.Mine ? "mine" : null,
                q.Awaiting ? "awaiting" : null,
                q.DialogueId is { } d ? $"dialogue={d}" : null,
                q.Year is { } y ? $"year={y}" : null,
                string.IsNullOrWhiteSpace(q.Q) ? null : $"q={q.Q}",
            }.Where(x => x is not null)
        );
}
