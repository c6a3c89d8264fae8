using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DanVan.Tests.Petitions.PetitionData;

namespace DanVan.Tests.Petitions;

/// <summary>The overdue sweep and escalation on a fake clock, the dashboard against a direct count, public tracking,
/// mergers.</summary>
public sealed class PetitionFollowUpTests(PetitionFollowUpTests.Fixture f)
    : IClassFixture<PetitionFollowUpTests.Fixture>
{
    public sealed class Fixture : FakeClockApp
    {
        public HttpClient Officer { get; private set; } = default!;
        public TestAccount OfficerAccount { get; private set; } = default!;
        public HttpClient Agency { get; private set; } = default!;
        public int AgencyId { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            AgencyId = await OrganizationAsync(this, Tree.C1);
            OfficerAccount = await CreateAccountAsync(Role.Officer, Tree.C1);
            Officer = await ApiClientAsync(OfficerAccount);
            Agency = await ApiClientAsync(await CreateAccountAsync(Role.AgencyHandler, Tree.C1, AgencyId));
        }

        public async Task<SweepResult> SweepAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PetitionDeadlines>().RunAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_unanswered_petition_is_marked_overdue_the_day_after_its_deadline_and_escalated_after_the_grace_period()
    {
        // Its own app: the clock only moves forward.
        await using var app = new Fixture();
        await app.InitializeAsync();

        var provinceOfficer = await app.CreateAccountAsync(Role.Officer, app.Tree.P1);
        var provinceLeader = await app.CreateAccountAsync(Role.Leader, app.Tree.P1);

        var conference = (
            await ApiJson.OkAsync(
                await app.Officer.PostAsJsonAsync("/api/v1/dialogues", Conference(app.Tree.C1, app.Today))
            )
        )
            .GetProperty("id")
            .GetInt32();

        // Assigned on Monday 16 November with an explicit deadline of Wednesday 18 November.
        var petition = await RecordAsync(
            app.Officer,
            await PetitionAsync(app, app.Tree.V1, app.Today, title: "Sạt lở bờ kênh")
        );
        petition = await StepOkAsync(
            app.Officer,
            petition,
            "Assign",
            new { organizationId = app.AgencyId, dueOn = "2026-11-18" }
        );
        var id = petition.GetProperty("id").GetInt32();
        async Task<Petition> RowAsync() =>
            await app.WithDbAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id));

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero)); // the deadline itself: not overdue
        await app.SweepAsync();
        Assert.Null((await RowAsync()).OverdueNotifiedOn);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 19, 1, 0, 0, TimeSpan.Zero)); // Thursday
        Assert.Equal(new SweepResult(1, 0), await app.SweepAsync());
        var row = await RowAsync();
        Assert.Equal(new DateOnly(2026, 11, 19), row.OverdueNotifiedOn);
        Assert.Null(row.EscalatedToUnitId);
        Assert.Equal(new SweepResult(0, 0), await app.SweepAsync()); // idempotent
        Assert.Equal(
            1,
            await app.WithDbAsync(db =>
                db.PetitionEvents.CountAsync(e => e.PetitionId == id && e.Action == PetitionAction.MarkOverdue)
            )
        );

        // Five working days of grace: Thu 19, Fri 20, Mon 23, Tue 24, Wed 25; the weekend does not count.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
        await app.SweepAsync();
        Assert.Null((await RowAsync()).EscalatedToUnitId);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(new SweepResult(0, 1), await app.SweepAsync());
        row = await RowAsync();
        Assert.Equal(
            (app.Tree.P1.Id, new DateOnly(2026, 11, 26)),
            (row.EscalatedToUnitId!.Value, row.EscalatedOn!.Value)
        );
        Assert.Equal(0, (await app.SweepAsync()).Escalated);
        Assert.Equal(PetitionStatus.Assigned, row.Status);

        // Who was told: the agency and the commune when it went overdue, the province (urgently) when it was escalated.
        var notices = await app.WithDbAsync(db =>
            db.Notifications.AsNoTracking().Where(n => n.Link == $"/petitions/{id}").ToListAsync()
        );
        var agency = await app.WithDbAsync(db =>
            db.Assignments.Where(a => a.Role == Role.AgencyHandler && a.OrganizationId == app.AgencyId)
                .Select(a => a.AccountId)
                .ToListAsync()
        );
        Assert.Contains(notices, n => n.Kind == NotificationKind.PetitionAssigned && agency.Contains(n.AccountId));
        Assert.Contains(notices, n =>
            n.Kind == NotificationKind.PetitionOverdue && agency.Contains(n.AccountId) && !n.Urgent
        );
        Assert.Single(notices, n => n.Kind == NotificationKind.PetitionOverdue && n.AccountId == app.OfficerAccount.Id);
        foreach (var account in new[] { provinceOfficer, provinceLeader })
        {
            Assert.Single(notices, n =>
                n.Kind == NotificationKind.PetitionEscalated && n.AccountId == account.Id && n.Urgent
            );
        }

        // The subject is the petition's: never its tracking code, which is the citizen's (notices reach agencies and
        // e-mail).
        Assert.All(notices, n => Assert.Equal(row.Title, n.Subject));
        Assert.All(notices, n => Assert.DoesNotContain(row.TrackingCode, n.Subject, StringComparison.Ordinal));

        // Operators can run the same sweep from the command line (cron, or after restoring a backup).
        var output = new StringWriter();
        Assert.Equal(
            0,
            await DanVan.Web.Infrastructure.Cli.OperatorCommands.RunAsync(app.Services, "sweep-petitions", [], output)
        );
        Assert.Contains(
            "Marked 0 petition(s) overdue, escalated 0; reminded 0 conference(s) to publish results.",
            output.ToString(),
            StringComparison.Ordinal
        );

        // The conference held on the first day, results still unpublished, was reminded once, three days before they
        // were due.
        var reminders = await app.WithDbAsync(db =>
            db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.DialogueResultsDue).ToListAsync()
        );
        Assert.Single(reminders, n => n.AccountId == app.OfficerAccount.Id && n.Link == $"/dialogues/{conference}");
        Assert.Equal(
            new DateOnly(2026, 11, 25),
            await app.WithDbAsync(db =>
                db.Dialogues.Where(d => d.Id == conference).Select(d => d.ResultsReminderOn).SingleAsync()
            )
        );
    }

    [Fact]
    public async Task The_dashboard_equals_a_direct_count_after_a_randomized_workload()
    {
        var random = new Random(4242);
        var places = new[] { f.Tree.V1, f.Tree.V2, f.Tree.C1 };
        var categories = new[] { "land", "infrastructure", "environment", "social-policy" };
        for (var i = 0; i < 24; i++)
        {
            var received = f.Today.AddDays(-random.Next(0, 60));
            var petition = await RecordAsync(
                f.Officer,
                await PetitionAsync(
                    f,
                    places[random.Next(places.Length)],
                    received,
                    title: $"Kiến nghị số {i}",
                    category: categories[random.Next(categories.Length)]
                )
            );
            var fate = random.Next(5);
            if (fate == 0)
            {
                continue;
            }

            petition = await StepOkAsync(
                f.Officer,
                petition,
                "Assign",
                new { organizationId = f.AgencyId, on = Iso(received) }
            );
            if (fate == 1)
            {
                continue;
            }

            var answeredOn = received.AddDays(random.Next(0, f.Today.DayNumber - received.DayNumber + 1));
            var late =
                DateOnly.Parse(
                    petition.GetProperty("dueOn").GetString()!,
                    System.Globalization.CultureInfo.InvariantCulture
                ) < answeredOn;
            petition = await StepOkAsync(
                f.Agency,
                petition,
                "Answer",
                new
                {
                    answer = "Đã trả lời.",
                    on = Iso(answeredOn),
                    lateExplanation = late ? "Chậm do mưa bão." : null,
                }
            );
            if (fate == 3)
            {
                await StepOkAsync(f.Officer, petition, "Resolve");
            }
            else if (fate == 4)
            {
                await StepOkAsync(f.Officer, petition, "CloseNotResolved", new { note = "Vượt thẩm quyền." });
            }
        }

        // The dashboard reads the statistics catalogue: the period's flows (received, answered, on time, median days,
        // resolved, closed, escalated in the months asked, up to today) and today's stocks (open, overdue).
        var first = new DateOnly(f.Today.AddDays(-60).Year, f.Today.AddDays(-60).Month, 1);
        using var province = await f.ApiClientAsync(await f.CreateAccountAsync(Role.Leader, f.Tree.P1));
        foreach (var unit in new[] { f.Tree.C1, f.Tree.P1, f.Tree.V1 })
        {
            var query =
                $"/api/v1/petitions/dashboard?unitId={unit.Id}&period=custom&from={first:yyyy-MM}&to={f.Today:yyyy-MM}";
            var dashboard = await (unit == f.Tree.P1 ? province : f.Officer).GetFromJsonAsync<PetitionDashboardResult>(
                query,
                ApiJson.Options
            );
            var facts = await f.WithDbAsync(db =>
                db.Petitions.AsNoTracking()
                    .Where(x =>
                        (
                            unit.Level == DanVan.Web.Features.Units.UnitLevel.Province ? x.ProvinceId
                            : unit.Level == DanVan.Web.Features.Units.UnitLevel.Commune ? x.CommuneId
                            : x.VillageId
                        ) == unit.Id
                    )
                    .ToListAsync()
            );
            bool In(DateOnly? day) => day is { } d && d >= first && d <= f.Today;
            var answered = facts.Where(x => In(x.AnsweredOn)).ToList();
            var days = answered.Select(x => x.DaysToAnswer!.Value).Order().ToList();
            double? median =
                days.Count == 0 ? null
                : days.Count % 2 == 1 ? days[days.Count / 2]
                : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2.0;
            var closed = (Petition x) => x.ClosedOn ?? x.AnsweredOn ?? x.ReceivedOn;
            var expected = new Dictionary<string, double?>
            {
                ["petitions.received"] = facts.Count(x => In(x.ReceivedOn)),
                ["petitions.answered"] = answered.Count,
                ["petitions.median_days"] = median,
                ["petitions.open"] = facts.Count(x =>
                    x.Status
                        is PetitionStatus.Received
                            or PetitionStatus.Assigned
                            or PetitionStatus.InProgress
                            or PetitionStatus.Reopened
                ),
                ["petitions.overdue"] = facts.Count(x =>
                    x.Status is PetitionStatus.Assigned or PetitionStatus.InProgress && x.DueOn < f.Today
                ),
                ["petitions.resolved"] = facts.Count(x => x.Status == PetitionStatus.Resolved && In(closed(x))),
                ["petitions.closed_not_resolved"] = facts.Count(x =>
                    x.Status == PetitionStatus.ClosedNotResolved && In(closed(x))
                ),
                ["petitions.escalated"] = facts.Count(x => In(x.EscalatedOn)),
            };
            foreach (var (key, value) in expected)
            {
                Assert.True(value == dashboard![key], $"{unit.Name} {key}: expected {value}, was {dashboard[key]}");
            }

            var onTime = answered.Count(x => x.AnsweredOnTime == true);
            double? expectedShare = answered.Count == 0 ? null : Math.Round(100.0 * onTime / answered.Count, 1);
            double? share = dashboard!["petitions.on_time_share"] is { } v ? Math.Round(v, 1) : null;
            Assert.Equal(expectedShare, share);
            Assert.Equal(expected["petitions.received"], dashboard.ByCategory.Sum(c => c.Received));
            Assert.Equal(answered.Count, dashboard.ByCategory.Sum(c => c.Answered));
            Assert.Equal(onTime, dashboard.ByCategory.Sum(c => c.AnsweredOnTime));
            Assert.Equal(
                facts.Count(x =>
                    x.AssignedOrganizationId != null
                    && x.Status
                        is PetitionStatus.Received
                            or PetitionStatus.Assigned
                            or PetitionStatus.InProgress
                            or PetitionStatus.Reopened
                ),
                dashboard.ByAgency.Sum(a => a.Open)
            );
            Assert.Equal(expected["petitions.overdue"], dashboard.ByAgency.Sum(a => a.Overdue));
        }

        Assert.True(await f.WithDbAsync(db => db.Petitions.CountAsync(p => p.CommuneId == f.Tree.C1.Id)) >= 24);
    }

    [Fact]
    public async Task A_citizen_tracks_a_petition_by_code_without_personal_data_and_reopens_it_when_not_satisfied()
    {
        var petition = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today.AddDays(-10), title: "Cấp nước sạch cho xóm 3")
        );
        var pin = PinOf(petition);
        var code = petition.GetProperty("trackingCode").GetString()!;
        petition = await StepOkAsync(
            f.Officer,
            petition,
            "Assign",
            new { organizationId = f.AgencyId, on = Iso(f.Today.AddDays(-10)) }
        );
        petition = await StepOkAsync(
            f.Agency,
            petition,
            "Answer",
            new { answer = "Sẽ lắp đường ống trong quý I.", publishAnswer = true }
        );
        // The agency whose answer is judged never sees the code.
        Assert.Equal(JsonValueKind.Null, petition.GetProperty("trackingCode").ValueKind);

        using var anonymous = f.CreateClient();
        anonymous.DefaultRequestHeaders.Add(DanVanApp.ClientAddressHeader, "203.0.113.7");
        var response = await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code = code.ToLowerInvariant() });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sẽ lắp đường ống trong quý I.", text, StringComparison.Ordinal);
        Assert.Contains("Cấp nước sạch cho xóm 3", text, StringComparison.Ordinal);
        foreach (
            var secret in new[] { "Lê Văn Dân", "0912 345 678", "001203004567", "Xóm 3, thôn Thượng", "nhà ông B" }
        )
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // A guessed code and a malformed one get the same answer.
        var guessed = await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code = "ZZZZZ-ZZZZZ" });
        var malformed = await anonymous.PostAsJsonAsync("/api/v1/tracking", new { code = "'; DROP TABLE" });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (guessed.StatusCode, malformed.StatusCode));
        Assert.Equal(
            (await guessed.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail,
            (await malformed.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail
        );

        var noReason = await anonymous.PostAsJsonAsync(
            "/api/v1/tracking/verdict",
            new
            {
                code,
                verdict = "NotSatisfied",
                pin,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var noPin = await anonymous.PostAsJsonAsync("/api/v1/tracking/verdict", new { code, verdict = "Satisfied" });
        Assert.Equal(HttpStatusCode.BadRequest, noPin.StatusCode);
        Assert.True((await FieldErrorsAsync(noPin)).ContainsKey("Pin"));
        var reopened = await anonymous.PostAsJsonAsync(
            "/api/v1/tracking/verdict",
            new
            {
                code,
                verdict = "NotSatisfied",
                note = "Quý I là quá lâu.",
                pin,
            }
        );
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var row = await f.WithDbAsync(db => db.Petitions.SingleAsync(p => p.TrackingCode == code));
        Assert.Equal((PetitionStatus.Reopened, CitizenVerdict.NotSatisfied), (row.Status, row.CitizenVerdict!.Value));
        var last = await f.WithDbAsync(db =>
            db.PetitionEvents.Where(e => e.PetitionId == row.Id).OrderBy(e => e.Id).LastAsync()
        );
        Assert.Equal(
            (PetitionAction.CitizenNotSatisfied, "Quý I là quá lâu.", "anonymous"),
            (last.Action, last.Note!, last.ActorName)
        );

        // Once reopened there is nothing to judge until the next answer.
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await anonymous.PostAsJsonAsync(
                    "/api/v1/tracking/verdict",
                    new
                    {
                        code,
                        verdict = "Satisfied",
                        pin,
                    }
                )
            ).StatusCode
        );

        // The verdict is in the audit trail as the citizen's, from the public API, with the client's address.
        var audit = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Action == AuditAction.CitizenVerdict && a.EntityId == row.Id.ToString())
                .SingleAsync()
        );
        Assert.Equal("NotSatisfied, from the public tracking API", audit.Details);
        Assert.Equal("203.0.113.7", audit.RemoteAddress);
    }

    [Fact]
    public async Task A_petition_of_a_village_whose_commune_was_merged_stays_and_goes_to_the_successor()
    {
        await using var app = new FakeClockApp();
        await app.InitializeAsync();
        var tree = app.Tree;
        var wardOfficer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, tree.C2));
        var petition = await RecordAsync(
            wardOfficer,
            await PetitionAsync(app, tree.V3, app.Today, title: "Kiến nghị của tổ dân phố trước sáp nhập")
        );
        var id = petition.GetProperty("id").GetInt32();
        var communeOfficer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, tree.C1));
        Assert.Equal(HttpStatusCode.NotFound, (await communeOfficer.GetAsync($"/api/v1/petitions/{id}")).StatusCode);

        var provinceAdmin = await app.ApiClientAsync(await app.CreateAccountAsync(Role.UnitAdministrator, tree.P1));
        var merge = await provinceAdmin.PostAsJsonAsync(
            "/api/v1/units/merge",
            new
            {
                sourceIds = new[] { tree.C2.Id },
                targetId = tree.C1.Id,
                effectiveDate = "2026-07-01",
                moveChildren = false,
            }
        );
        Assert.True(merge.IsSuccessStatusCode, await merge.Content.ReadAsStringAsync());

        // The successor's officer sees it, assigns it to its own agency, and counts it.
        petition = await ApiJson.OkAsync(await communeOfficer.GetAsync($"/api/v1/petitions/{id}"));
        Assert.Equal(tree.V3.Id, petition.GetProperty("unitId").GetInt32());
        petition = await StepOkAsync(
            communeOfficer,
            petition,
            "Assign",
            new { organizationId = await OrganizationAsync(app, tree.C1) }
        );
        var dashboard = await communeOfficer.GetFromJsonAsync<PetitionDashboardResult>(
            $"/api/v1/petitions/dashboard?unitId={tree.C1.Id}&period=custom&from=2020-01&to=2029-12",
            ApiJson.Options
        );
        Assert.Equal(1, dashboard!["petitions.received"]);

        // A new petition cannot be placed in the retired ward: the message names the successor.
        var provinceOfficer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, tree.P1));
        var retired = await provinceOfficer.PostAsJsonAsync(
            "/api/v1/petitions",
            await PetitionAsync(app, tree.C2, app.Today)
        );
        Assert.Equal(HttpStatusCode.BadRequest, retired.StatusCode);
        var errors = await FieldErrorsAsync(retired);
        Assert.Contains(tree.C1.Name, errors["UnitId"][0], StringComparison.Ordinal);
    }
}

/// <summary>Guessing tracking codes is rate-limited per address: the 429 carries a message and nothing more.</summary>
public sealed class TrackingRateLimitTests(TrackingRateLimitTests.Fixture f)
    : IClassFixture<TrackingRateLimitTests.Fixture>
{
    public sealed class Fixture : FakeClockApp
    {
        protected override int TrackingPermitLimit => 5;
    }

    [Fact]
    public async Task The_sixth_lookup_in_a_minute_is_refused()
    {
        using var client = f.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(
                (
                    await client.PostAsJsonAsync("/api/v1/tracking", new { code = PetitionRules.NewTrackingCode() })
                ).StatusCode
            );
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5).Append(HttpStatusCode.TooManyRequests), statuses);
    }
}
