using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Tests.Security;

/// <summary>The matrix's entries for thematic conferences. The fixture writes, straight to the database, a conference
/// held by C1, C2, P1 and C3 (the units a relation probes, as for programs), each with one unit below taking part and a
/// pending commitment of that unit to replicate the public recognized model of V4.</summary>
public sealed partial class AuthorizationMatrixTests
{
    private Dictionary<int, (int Conference, int Commitment, Unit Committing)>? conferenceFixture;

    private async Task<Dictionary<int, (int Conference, int Commitment, Unit Committing)>> ConferencesAsync()
    {
        if (conferenceFixture is { } known)
        {
            return known;
        }

        var t = fixture.Tree;
        var model = await fixture.RecognizedModelAsync();
        conferenceFixture = await fixture.WithDbAsync(async db =>
        {
            var result = new Dictionary<int, (int, int, Unit)>();
            foreach (var (host, committing) in new[] { (t.C1, t.V1), (t.C2, t.V3), (t.P1, t.C1), (t.C3, t.V4) })
            {
                var conference = new ThematicConference
                {
                    UnitId = host.Id,
                    ProvinceId = host.ProvinceId,
                    CommuneId = host.CommuneId,
                    UnitLevel = host.Level,
                    Type = ConferenceType.SkilledMobilization,
                    Title = "Hội nghị " + host.Name,
                    HeldOn = new DateOnly(2026, 6, 1),
                    SearchText = "hoi nghi",
                    CreatedAt = DateTime.UtcNow,
                };
                db.Conferences.Add(conference);
                await db.SaveChangesAsync();
                var participant = new ConferenceUnit { ConferenceId = conference.Id, ParticipantId = committing.Id };
                conference.StampOnto(participant);
                db.ConferenceUnits.Add(participant);
                var commitment = new ConferenceCommitment
                {
                    ConferenceId = conference.Id,
                    UnitId = committing.Id,
                    ProvinceId = committing.ProvinceId,
                    CommuneId = committing.CommuneId,
                    VillageId = committing.VillageId,
                    UnitLevel = committing.Level,
                    ModelId = model,
                    DueOn = new DateOnly(2026, 12, 31),
                };
                db.ConferenceCommitments.Add(commitment);
                await db.SaveChangesAsync();
                result[host.Id] = (conference.Id, commitment.Id, committing);
            }

            return result;
        });
        return conferenceFixture;
    }

    private async Task<(int Conference, int Commitment, Unit Committing)> ConferenceOfAsync(Relation r) =>
        (await ConferencesAsync())[ProgramUnit(r).Id];

    private IEnumerable<Case> ConferencesCases()
    {
        var t = fixture;
        // Read: the subtree's conferences and those of the units above (P1's, to learn from).
        Func<Role, Relation, bool> read = (role, r) =>
            Has(role, Permission.ProgramsView) && (InScope(role, ProgramUnit(r)) || r == Relation.Parent);
        // Recording the conference and its commitments: the host's own officers and leaders.
        Func<Role, Relation, bool> write = (role, r) =>
            Has(role, Permission.ProgramsWrite) && role != Role.SystemAdministrator && ProgramUnit(r) == t.Tree.C1;
        // Turning a commitment into a replication: whoever reads the conference and records the committing unit's
        // replications (V1 for C1's, C1 for P1's; V3 and V4 lie outside C1).
        Func<Role, Relation, bool> replicate = (role, r) =>
            read(role, r) && Has(role, Permission.ModelsEdit) && InScope(role, ConferenceOfAsync(r).Result.Committing);

        yield return Page("/conferences", (role, _) => Has(role, Permission.ProgramsView), (_, _) => "/conferences");
        yield return PageAsync("/conferences/{Id:int}", read, async (_, r) =>
            $"/conferences/{(await ConferenceOfAsync(r)).Conference}"
        );
        yield return PageAsync("/conferences/{Id:int}/edit", write, async (_, r) =>
            $"/conferences/{(await ConferenceOfAsync(r)).Conference}/edit"
        );
        yield return Page(
            "/conferences/new",
            (role, r) => Has(role, Permission.ProgramsWrite) && role != Role.SystemAdministrator && U(r) == t.Tree.C1,
            (_, r) => $"/conferences/new?unitId={U(r).Id}"
        );
        yield return PageAsync(
            "/conferences/{Id:int}/commitments/{CommitmentId:int}/replicate",
            replicate,
            async (_, r) =>
            {
                var (conference, commitment, _) = await ConferenceOfAsync(r);
                return $"/conferences/{conference}/commitments/{commitment}/replicate";
            }
        );

        yield return ApiAsync(
            "GET /api/v1/conferences/",
            read,
            async (role, _) => await t.Api[role].GetAsync("/api/v1/conferences?limit=500"),
            async (_, r, response) =>
                Allowed(response)
                && response.IsSuccessStatusCode
                && JsonDocument
                    .Parse(await response.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("items")
                    .EnumerateArray()
                    .Any(x => x.GetProperty("id").GetInt32() == ConferenceOfAsync(r).Result.Conference)
        );
        yield return ApiAsync("GET /api/v1/conferences/{id:int}", read, async (role, r) =>
            await t.Api[role].GetAsync($"/api/v1/conferences/{(await ConferenceOfAsync(r)).Conference}")
        );
        // Creating: a body without a title fails validation after the unit and the right are checked.
        yield return ApiAsync(
            "POST /api/v1/conferences/",
            (role, r) => Has(role, Permission.ProgramsWrite) && role != Role.SystemAdministrator && U(r) == t.Tree.C1,
            async (role, r) =>
                await t.Api[role].PostAsJsonAsync("/api/v1/conferences", new { unitId = U(r).Id, type = 1 })
        );
        yield return ApiAsync("PUT /api/v1/conferences/{id:int}", write, async (role, r) =>
            await t.Api[role]
                .PutAsJsonAsync($"/api/v1/conferences/{(await ConferenceOfAsync(r)).Conference}", new { version = 0 })
        );
        yield return ApiAsync("POST /api/v1/conferences/{id:int}/commitments", write, async (role, r) =>
            await t.Api[role]
                .PostAsJsonAsync($"/api/v1/conferences/{(await ConferenceOfAsync(r)).Conference}/commitments", new { })
        );
        yield return ApiAsync(
            "PUT /api/v1/conferences/{id:int}/commitments/{commitmentId:int}",
            write,
            async (role, r) =>
            {
                var (conference, commitment, _) = await ConferenceOfAsync(r);
                return await t.Api[role]
                    .PutAsJsonAsync($"/api/v1/conferences/{conference}/commitments/{commitment}", new { version = 0 });
            }
        );
        // Without an organization the registry's handler refuses the replication after the rights; nothing is written.
        yield return ApiAsync(
            "POST /api/v1/conferences/{id:int}/commitments/{commitmentId:int}/replicate",
            replicate,
            async (role, r) =>
            {
                var (conference, commitment, _) = await ConferenceOfAsync(r);
                return await t.Api[role]
                    .PostAsJsonAsync(
                        $"/api/v1/conferences/{conference}/commitments/{commitment}/replicate",
                        new { version = 0, startDate = "2026-07-01" }
                    );
            }
        );
        yield return ApiAsync("POST /api/v1/conferences/{id:int}/documents", write, async (role, r) =>
            await t.Api[role]
                .PostAsync(
                    $"/api/v1/conferences/{(await ConferenceOfAsync(r)).Conference}/documents",
                    new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.pdf" } }
                )
        );
        yield return ApiAsync("GET /api/v1/conferences/{id:int}/documents/{documentId:int}", read, async (role, r) =>
        {
            var conference = (await ConferenceOfAsync(r)).Conference;
            return await t.Api[role]
                .GetAsync(
                    $"/api/v1/conferences/{conference}/documents/{await t.DocumentOfAsync("conferences", conference)}"
                );
        });
        yield return new Case("GET /conferences/{id:int}/documents/{documentId:int}", read, async (role, r) =>
        {
            var conference = (await ConferenceOfAsync(r)).Conference;
            return Allowed(
                await t.Pages[role]
                    .GetAsync(
                        $"/conferences/{conference}/documents/{await t.DocumentOfAsync("conferences", conference)}"
                    )
            );
        });
    }
}
