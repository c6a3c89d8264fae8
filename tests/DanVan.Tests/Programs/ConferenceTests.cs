using System.Net;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DanVan.Tests.Models.ModelData;
using S = DanVan.Web.Features.Statistics.StatisticCatalogue;

namespace DanVan.Tests.Programs;

/// <summary>
/// Thematic conferences (docs/decisions/ADR-0030): the province records a "Dân vận khéo" conference with its communes
/// and the models presented; communes commit to replicate a model by a day; one commitment becomes a replication in the
/// registry with one action (through the registry's own handler, linked both ways) and counts as fulfilled in the
/// catalogue; and every refusal — a participant outside the host's units, a commitment to a unit's own model or by a unit
/// not taking part, a day before the conference, a replication by someone who may not record it — writes nothing.
/// </summary>
public sealed class ConferenceTests(ConferenceTests.Fixture f) : IClassFixture<ConferenceTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public HttpClient C1Officer { get; private set; } = default!;
        public HttpClient C2Officer { get; private set; } = default!;
        public HttpClient C3Officer { get; private set; } = default!;
        public HttpClient P1Officer { get; private set; } = default!;
        public HttpClient P1Leader { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            C1Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
            C2Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C2));
            C3Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C3));
            P1Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
            P1Leader = await ApiClientAsync(await CreateAccountAsync(Role.Leader, Tree.P1));
        }

        /// <summary>A model of C1 taken to recognition through the API.</summary>
        public async Task<int> RecognizedAsync(string name)
        {
            var created = await C1Officer.PostAsJsonAsync("/api/v1/models", await CompleteAsync(this, Tree.C1, name));
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var model = await ApiJson.ReadAsync(created);
            model = await StepOkAsync(C1Officer, model, "Launch", new { on = Today, note = "Cam kết" });
            model = await StepOkAsync(C1Officer, model, "Implement");
            model = await StepOkAsync(P1Officer, model, "Inspect", new { on = Today, note = "Tốt" });
            model = await StepOkAsync(
                P1Leader,
                model,
                "Recognize",
                new
                {
                    on = Today,
                    level = "Commune",
                    decision = "1/QĐ",
                    issuer = "BCĐ",
                }
            );
            return model.GetProperty("id").GetInt32();
        }
    }

    private static DateOnly Day => VietnamTime.Today(TimeProvider.System);

    private static string Iso(DateOnly day) =>
        day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private object Conference(string title, int[] participants, int[] models) =>
        new
        {
            unitId = f.Tree.P1.Id,
            type = "SkilledMobilization",
            title,
            heldOn = Iso(Day.AddDays(-10)),
            place = "Hội trường Tỉnh ủy",
            agenda = "Khai mạc\nBáo cáo điển hình\nThảo luận",
            conclusions = "Nhân rộng các mô hình hiệu quả.",
            participantIds = participants,
            modelIds = models,
        };

    private Task<int> CountAsync() =>
        f.WithDbAsync(async db =>
            await db.Conferences.CountAsync()
            + await db.ConferenceUnits.CountAsync()
            + await db.ConferenceCommitments.CountAsync()
            + await db.ModelReplications.CountAsync()
        );

    [Fact]
    public async Task A_conference_records_commitments_and_one_becomes_a_replication()
    {
        var t = f.Tree;
        var model = await f.RecognizedAsync("Dân vận khéo trong xây dựng nông thôn mới");
        var before = await CountAsync();

        // Refused, writing nothing: a participant of another province, a village (not directly below the province), no
        // title; and a commune officer recording a conference for the province (which it does not see).
        foreach (
            var (body, field) in new (object, string)[]
            {
                (Conference("Hội nghị", [t.C1.Id, t.C3.Id], [model]), "ParticipantIds"),
                (Conference("Hội nghị", [t.V1.Id], [model]), "ParticipantIds"),
                (Conference("", [t.C1.Id], [model]), "Title"),
            }
        )
        {
            var refused = await f.P1Officer.PostAsJsonAsync("/api/v1/conferences", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await ApiJson.ReadAsync(refused)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C1Officer.PostAsJsonAsync("/api/v1/conferences", Conference("Hội nghị", [t.C1.Id], []))).StatusCode
        );
        Assert.Equal(before, await CountAsync());

        var created = await f.P1Officer.PostAsJsonAsync(
            "/api/v1/conferences",
            Conference("Hội nghị chuyên đề “Dân vận khéo” năm 2026", [t.C1.Id, t.C2.Id], [model])
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var conference = await ApiJson.ReadAsync(created);
        var id = conference.GetProperty("id").GetInt32();
        Assert.Equal(2, conference.GetProperty("participants").GetArrayLength());
        Assert.True(conference.GetProperty("models")[0].GetProperty("readable").GetBoolean());

        // The communes read the province's conference; a commune of another province does not.
        await ApiJson.OkAsync(await f.C2Officer.GetAsync($"/api/v1/conferences/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await f.C3Officer.GetAsync($"/api/v1/conferences/{id}")).StatusCode);

        // Commitments: refused for C1 (its own model), C3 (not taking part), a day before the conference, and from a
        // commune's officer; C2's is recorded, and a second one like it is refused.
        var due = Day.AddDays(60);
        foreach (
            var (body, field) in new (object, string)[]
            {
                (
                    new
                    {
                        unitId = t.C1.Id,
                        modelId = model,
                        dueOn = Iso(due),
                    },
                    "ModelId"
                ),
                (
                    new
                    {
                        unitId = t.C3.Id,
                        modelId = model,
                        dueOn = Iso(due),
                    },
                    "UnitId"
                ),
                (
                    new
                    {
                        unitId = t.C2.Id,
                        modelId = model,
                        dueOn = Iso(Day.AddDays(-30)),
                    },
                    "DueOn"
                ),
            }
        )
        {
            var refused = await f.P1Officer.PostAsJsonAsync($"/api/v1/conferences/{id}/commitments", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await ApiJson.ReadAsync(refused)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        var commit = new
        {
            unitId = t.C2.Id,
            modelId = model,
            dueOn = Iso(due),
            note = "Triển khai tại 3 thôn",
        };
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C2Officer.PostAsJsonAsync($"/api/v1/conferences/{id}/commitments", commit)).StatusCode
        );
        var withCommitment = await ApiJson.OkAsync(
            await f.P1Officer.PostAsJsonAsync($"/api/v1/conferences/{id}/commitments", commit)
        );
        var commitment = withCommitment.GetProperty("commitments")[0];
        var commitmentId = commitment.GetProperty("id").GetInt32();
        Assert.Equal("Pending", commitment.GetProperty("status").GetString());
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await f.P1Officer.PostAsJsonAsync($"/api/v1/conferences/{id}/commitments", commit)).StatusCode
        );

        // The replication: not by C1's officer (C2's replications are not theirs), not without an organization; then by
        // C2's officer, with one action.
        var organization = (await ReferencesAsync(f, t.C2)).OrganizationId;
        var url = $"/api/v1/conferences/{id}/commitments/{commitmentId}/replicate";
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.C1Officer.PostAsJsonAsync(url, new { version = 0, organizationId = organization })).StatusCode
        );
        var missing = await f.C2Officer.PostAsJsonAsync(url, new { version = 0, startDate = Iso(Day) });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await ApiJson.ReadAsync(missing)).GetProperty("errors").TryGetProperty("OrganizationId", out _));
        var replicationsBefore = await f.WithDbAsync(db => db.ModelReplications.CountAsync());
        var replicated = await ApiJson.OkAsync(
            await f.C2Officer.PostAsJsonAsync(
                url,
                new
                {
                    version = 0,
                    organizationId = organization,
                    startDate = Iso(Day),
                    adaptations = "Điều chỉnh cho phù hợp với xã",
                }
            )
        );
        var row = replicated.GetProperty("commitments")[0];
        Assert.Equal("Replicated", row.GetProperty("status").GetString());
        Assert.Equal("Implementing", row.GetProperty("replicationStatus").GetString());
        var replicationId = row.GetProperty("replicationId").GetInt32();
        var replication = await f.WithDbAsync(db => db.ModelReplications.SingleAsync(r => r.Id == replicationId));
        Assert.Equal((model, t.C2.Id), (replication.SourceModelId, replication.UnitId));
        Assert.Equal(replicationsBefore + 1, await f.WithDbAsync(db => db.ModelReplications.CountAsync()));
        // Once only; and a replicated commitment no longer changes.
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await f.C2Officer.PostAsJsonAsync(
                    url,
                    new
                    {
                        version = row.GetProperty("version").GetInt32(),
                        organizationId = organization,
                        startDate = Iso(Day),
                        adaptations = "Lần hai",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await f.P1Officer.PutAsJsonAsync(
                    $"/api/v1/conferences/{id}/commitments/{commitmentId}",
                    new
                    {
                        version = row.GetProperty("version").GetInt32(),
                        modelId = model,
                        dueOn = Iso(due),
                        status = "Withdrawn",
                        note = "Rút",
                    }
                )
            ).StatusCode
        );

        // C2 committed there, so it stays among the participants.
        var current = await ApiJson.OkAsync(await f.P1Officer.GetAsync($"/api/v1/conferences/{id}"));
        var dropped = await f.P1Officer.PutAsJsonAsync(
            $"/api/v1/conferences/{id}",
            new
            {
                version = current.GetProperty("version").GetInt32(),
                type = "SkilledMobilization",
                title = "Hội nghị",
                heldOn = Iso(Day.AddDays(-10)),
                participantIds = new[] { t.C1.Id },
                modelIds = new[] { model },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, dropped.StatusCode);
        Assert.True((await ApiJson.ReadAsync(dropped)).GetProperty("errors").TryGetProperty("ParticipantIds", out _));

        // The catalogue counts it towards C2: due on its day, fulfilled today, by its day; the rows equal the recompute.
        await using var scope = f.Services.CreateAsyncScope();
        var read = scope.ServiceProvider.GetRequiredService<ReadStatistics>();
        var year = StatisticPeriod.Of(PeriodKind.Year, Day.Year);
        var c2 = await f.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == t.C2.Id));
        var values = await read.ValuesAsync(c2.Ref, year, Day, S.All, CancellationToken.None);
        Assert.Equal(1, values[S.CommitmentsFulfilled].Value);
        if (due.Year == Day.Year)
        {
            Assert.Equal(1, values[S.CommitmentsDue].Value);
        }

        Assert.Empty(
            await scope.ServiceProvider.GetRequiredService<StatisticCheck>().CompareAsync(null, CancellationToken.None)
        );
    }

    [Fact]
    public async Task A_pending_commitment_is_withdrawn_with_a_reason_and_the_conference_is_edited_from_its_version()
    {
        var t = f.Tree;
        var model = await f.RecognizedAsync("Mô hình dân vận khéo thứ hai");
        var conference = await ApiJson.ReadAsync(
            await f.P1Officer.PostAsJsonAsync("/api/v1/conferences", Conference("Hội nghị sơ kết", [t.C2.Id], [model]))
        );
        var id = conference.GetProperty("id").GetInt32();
        var withCommitment = await ApiJson.OkAsync(
            await f.P1Officer.PostAsJsonAsync(
                $"/api/v1/conferences/{id}/commitments",
                new
                {
                    unitId = t.C2.Id,
                    modelId = model,
                    dueOn = Iso(Day.AddDays(30)),
                }
            )
        );
        var commitment = withCommitment.GetProperty("commitments")[0];
        var url = $"/api/v1/conferences/{id}/commitments/{commitment.GetProperty("id").GetInt32()}";
        var noReason = await f.P1Officer.PutAsJsonAsync(
            url,
            new
            {
                version = 0,
                modelId = model,
                dueOn = Iso(Day.AddDays(30)),
                status = "Withdrawn",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await ApiJson.ReadAsync(noReason)).GetProperty("errors").TryGetProperty("Note", out _));
        var withdrawn = await ApiJson.OkAsync(
            await f.P1Officer.PutAsJsonAsync(
                url,
                new
                {
                    version = 0,
                    modelId = model,
                    dueOn = Iso(Day.AddDays(30)),
                    status = "Withdrawn",
                    note = "Xã đã sáp nhập thôn, chưa đủ điều kiện",
                }
            )
        );
        Assert.Equal("Withdrawn", withdrawn.GetProperty("commitments")[0].GetProperty("status").GetString());
        Assert.False(withdrawn.GetProperty("commitments")[0].GetProperty("mayReplicate").GetBoolean());

        // Edited from the version seen: a stale version is a conflict and changes nothing; the participants are replaced.
        var stale = await f.P1Officer.PutAsJsonAsync(
            $"/api/v1/conferences/{id}",
            new
            {
                version = 7,
                type = "Review",
                title = "Sửa cũ",
                heldOn = Iso(Day.AddDays(-10)),
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var edited = await ApiJson.OkAsync(
            await f.P1Officer.PutAsJsonAsync(
                $"/api/v1/conferences/{id}",
                new
                {
                    version = conference.GetProperty("version").GetInt32(),
                    type = "Review",
                    title = "Hội nghị sơ kết 6 tháng",
                    heldOn = Iso(Day.AddDays(-10)),
                    participantIds = new[] { t.C1.Id, t.C2.Id },
                    modelIds = new[] { model },
                }
            )
        );
        Assert.Equal("Hội nghị sơ kết 6 tháng", edited.GetProperty("title").GetString());
        Assert.Equal(2, edited.GetProperty("participants").GetArrayLength());
        Assert.True(
            await f.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.EntityType == nameof(ThematicConference)
                    && a.EntityId == id.ToString()
                    && a.Action == DanVan.Web.Infrastructure.Audit.AuditAction.Update
                )
            )
        );
    }
}
