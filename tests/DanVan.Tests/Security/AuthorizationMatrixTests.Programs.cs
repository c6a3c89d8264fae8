using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for work programs. The fixture writes, straight to the database, a published program
/// of P1 and P2 each and a program of C1, C2 and C3 each that concretizes its province's; the communes' are amendments in
/// draft (version 2, version 1 approved), so they are open to editing and to progress alike. A relation probes the
/// program of its unit: C1's for Own and Child (villages keep none), C2's, P1's and C3's.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private Dictionary<int, (int Program, int Item)>? programFixture;

    private async Task<Dictionary<int, (int Program, int Item)>> ProgramsAsync()
    {
        if (programFixture is { } known)
        {
            return known;
        }

        var t = fixture.Tree;
        var year = DateTime.UtcNow.AddHours(7).Year;
        programFixture = await fixture.WithDbAsync(async db =>
        {
            var result = new Dictionary<int, (int, int)>();
            var parents = new Dictionary<int, (int Program, int Item)>();
            foreach (var unit in new[] { t.P1, t.P2, t.C1, t.C2, t.C3 })
            {
                var province = unit.Level == UnitLevel.Province;
                var parent = province ? ((int Program, int Item)?)null : parents[unit.ProvinceId!.Value];
                var program = new WorkProgram
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    UnitLevel = unit.Level,
                    Year = year,
                    Kind = ProgramKind.WorkProgram,
                    Title = "Chương trình " + unit.Name,
                    ParentProgramId = parent?.Program,
                    Status = province ? ProgramStatus.Published : ProgramStatus.Draft,
                    Edition = province ? 1 : 2,
                    FirstApprovedOn = new DateOnly(year, 1, 20),
                    PublishedOn = new DateOnly(year, 1, 25),
                    SearchText = "chuong trinh",
                    CreatedAt = DateTime.UtcNow,
                };
                db.WorkPrograms.Add(program);
                await db.SaveChangesAsync();
                var item = new ProgramItem
                {
                    ProgramId = program.Id,
                    Order = 1,
                    Task = "Nhiệm vụ",
                    ParentProgramId = parent?.Program,
                    ParentItemId = parent?.Item,
                };
                program.StampOnto(item);
                db.ProgramItems.Add(item);
                var version = new ProgramVersion
                {
                    ProgramId = program.Id,
                    Edition = 1,
                    DecisionNumber = "01-NQ",
                    DecisionDate = new DateOnly(year, 1, 20),
                    ApprovingBody = "Ban Thường vụ",
                    Snapshot = """{"title":"Chương trình","bases":[],"items":[]}""",
                    ApprovedByName = "system",
                    ApprovedAt = DateTimeOffset.UtcNow,
                };
                program.StampOnto(version);
                db.ProgramVersions.Add(version);
                await db.SaveChangesAsync();
                result[unit.Id] = (program.Id, item.Id);
                if (province)
                {
                    parents[unit.Id] = (program.Id, item.Id);
                }
            }

            return result;
        });
        return programFixture;
    }

    private Unit ProgramUnit(Relation r) =>
        r switch
        {
            Relation.Own or Relation.Child => fixture.Tree.C1,
            Relation.Sibling => fixture.Tree.C2,
            Relation.Parent => fixture.Tree.P1,
            _ => fixture.Tree.C3,
        };

    private async Task<(int Program, int Item)> ProgramOfAsync(Relation r) =>
        (await ProgramsAsync())[ProgramUnit(r).Id];

    private IEnumerable<Case> ProgramsCases()
    {
        var t = fixture;
        // Read: the subtree's programs, and the published programs of the units above (P1's, sent down to C1).
        Func<Role, Relation, bool> read = (role, r) =>
            Has(role, Permission.ProgramsView) && (InScope(role, ProgramUnit(r)) || r == Relation.Parent);
        // The matrix: the program's own subtree only.
        Func<Role, Relation, bool> coverage = (role, r) =>
            Has(role, Permission.ProgramsView) && InScope(role, ProgramUnit(r));
        // Drafting, items and progress: the unit's own officers and leaders, nobody above (not even an administrator).
        Func<Role, Relation, bool> write = (role, r) =>
            Has(role, Permission.ProgramsWrite) && role != Role.SystemAdministrator && ProgramUnit(r) == t.Tree.C1;

        yield return Page("/programs", (role, _) => Has(role, Permission.ProgramsView), (_, _) => "/programs");
        yield return PageAsync("/programs/{Id:int}", read, async (_, r) =>
            $"/programs/{(await ProgramOfAsync(r)).Program}"
        );
        yield return PageAsync("/programs/{Id:int}/edit", write, async (_, r) =>
            $"/programs/{(await ProgramOfAsync(r)).Program}/edit"
        );
        // A new program is drafted for the unit the account works in: C1's staff for C1, nobody for another unit.
        yield return Page(
            "/programs/new",
            (role, r) => Has(role, Permission.ProgramsWrite) && role != Role.SystemAdministrator && U(r) == t.Tree.C1,
            (_, r) => $"/programs/new?unitId={U(r).Id}"
        );
        yield return PageAsync("/programs/{Id:int}/items/new", write, async (_, r) =>
            $"/programs/{(await ProgramOfAsync(r)).Program}/items/new"
        );
        yield return PageAsync("/programs/{Id:int}/items/{ItemId:int}/edit", write, async (_, r) =>
        {
            var (program, item) = await ProgramOfAsync(r);
            return $"/programs/{program}/items/{item}/edit";
        });
        yield return PageAsync("/programs/{Id:int}/items/{ItemId:int}", read, async (_, r) =>
        {
            var (program, item) = await ProgramOfAsync(r);
            return $"/programs/{program}/items/{item}";
        });
        yield return PageAsync("/programs/{Id:int}/coverage", coverage, async (_, r) =>
            $"/programs/{(await ProgramOfAsync(r)).Program}/coverage"
        );
        yield return PageAsync("/programs/{Id:int}/versions/{Edition:int}", read, async (_, r) =>
            $"/programs/{(await ProgramOfAsync(r)).Program}/versions/1"
        );
        yield return new Case("GET /programs/{id:int}/document", read, async (role, r) =>
        {
            var response = await t.Pages[role]
                .GetAsync($"/programs/{(await ProgramOfAsync(r)).Program}/document?format=docx");
            return Allowed(response) && response.IsSuccessStatusCode;
        });
        yield return new Case("GET /programs/{id:int}/coverage/export", coverage, async (role, r) =>
        {
            var response = await t.Pages[role]
                .GetAsync($"/programs/{(await ProgramOfAsync(r)).Program}/coverage/export");
            return Allowed(response) && response.IsSuccessStatusCode;
        });

        yield return ApiAsync(
            "GET /api/v1/programs/",
            read,
            async (role, _) => await t.Api[role].GetAsync("/api/v1/programs?limit=500"),
            async (_, r, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("items")
                    .EnumerateArray()
                    .Any(x => x.GetProperty("id").GetInt32() == ProgramOfAsync(r).Result.Program)
        );
        yield return ApiAsync("GET /api/v1/programs/{id:int}", read, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/programs/{(await ProgramOfAsync(r)).Program}")
        );
        // Creating: a body without a title fails validation after the unit and the right are checked.
        yield return ApiAsync(
            "POST /api/v1/programs/",
            (role, r) => Has(role, Permission.ProgramsWrite) && role != Role.SystemAdministrator && U(r) == t.Tree.C1,
            async (role, r) =>
                await t.Api[role]
                    .PostAsJsonAsync(
                        "/api/v1/programs",
                        new
                        {
                            unitId = U(r).Id,
                            year = 2026,
                            kind = "WorkProgram",
                        }
                    )
        );
        yield return ApiAsync("PUT /api/v1/programs/{id:int}", write, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync($"/api/v1/programs/{(await ProgramOfAsync(r)).Program}", new { version = 0 })
        );
        // A step that is none fails validation once the program is found (who may take which step: ProgramCascadeTests).
        yield return ApiAsync("POST /api/v1/programs/{id:int}/steps", read, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync(
                    $"/api/v1/programs/{(await ProgramOfAsync(r)).Program}/steps",
                    new { action = 99, version = 0 }
                )
        );
        yield return ApiAsync("POST /api/v1/programs/{id:int}/items", write, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync($"/api/v1/programs/{(await ProgramOfAsync(r)).Program}/items", new { task = "" })
        );
        yield return ApiAsync("PUT /api/v1/programs/{id:int}/items/{itemId:int}", write, async (role, r) =>
        {
            var (program, item) = await ProgramOfAsync(r);
            return await t.Api[role].PutAsJsonAsync($"/api/v1/programs/{program}/items/{item}", new { task = "" });
        });
        // Removing without the version the remover saw fails validation after the rights; nothing is removed.
        yield return ApiAsync("DELETE /api/v1/programs/{id:int}/items/{itemId:int}", write, async (role, r) =>
        {
            var (program, item) = await ProgramOfAsync(r);
            return await t.Api[role].DeleteAsync($"/api/v1/programs/{program}/items/{item}");
        });
        yield return ApiAsync("POST /api/v1/programs/{id:int}/items/{itemId:int}/progress", write, async (role, r) =>
        {
            var (program, item) = await ProgramOfAsync(r);
            return await t.Api[role]
                .PostAsJsonAsync($"/api/v1/programs/{program}/items/{item}/progress", new { version = 0 });
        });
        yield return ApiAsync("GET /api/v1/programs/{id:int}/versions/{edition:int}", read, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/programs/{(await ProgramOfAsync(r)).Program}/versions/1")
        );
        yield return ApiAsync("GET /api/v1/programs/{id:int}/coverage", coverage, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/programs/{(await ProgramOfAsync(r)).Program}/coverage")
        );
        yield return ApiAsync("GET /api/v1/programs/{id:int}/coverage/export", coverage, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/programs/{(await ProgramOfAsync(r)).Program}/coverage/export")
        );
        // Documents: attached by the unit's own officers and leaders (an empty file fails validation after the rights),
        // read by whoever reads the program.
        yield return ApiAsync("POST /api/v1/programs/{id:int}/documents", write, async (role, r) =>
            await t.Api[role]
                .PostAsync(
                    $"/api/v1/programs/{(await ProgramOfAsync(r)).Program}/documents",
                    new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.pdf" } }
                )
        );
        yield return ApiAsync("GET /api/v1/programs/{id:int}/documents/{documentId:int}", read, async (role, r) =>
        {
            var program = (await ProgramOfAsync(r)).Program;
            return await t.Api[role]
                .GetAsync($"/api/v1/programs/{program}/documents/{await t.DocumentOfAsync("programs", program)}");
        });
        yield return new Case("GET /programs/{id:int}/documents/{documentId:int}", read, async (role, r) =>
        {
            var program = (await ProgramOfAsync(r)).Program;
            return Allowed(
                await t.Pages[role]
                    .GetAsync($"/programs/{program}/documents/{await t.DocumentOfAsync("programs", program)}")
            );
        });
        yield return ApiAsync("GET /api/v1/programs/{id:int}/document", read, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/programs/{(await ProgramOfAsync(r)).Program}/document?format=docx")
        );
    }
}
