using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Privacy;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Privacy;

/// <summary>
/// Data subjects' requests (Law 91/2025, ADR-0035): recorded with the law's two deadlines; the person's data found in
/// petitions, cadre records, attendance lists and accounts, each only as far as the handler's own rights over that
/// feature reach; handed over as one file and erased everywhere, audited; reminders sent once per stage; bad input and
/// stale steps write nothing.
/// </summary>
public sealed class PrivacyRequestTests(PrivacyRequestTests.Fixture f) : IClassFixture<PrivacyRequestTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        public TestAccount C1OfficerAccount { get; private set; } = default!;
        public HttpClient C1Officer { get; private set; } = default!;
        public HttpClient C1Personnel { get; private set; } = default!;
        public HttpClient C1Admin { get; private set; } = default!;
        public HttpClient C2Officer { get; private set; } = default!;
        public HttpClient C1Leader { get; private set; } = default!;
        public HttpClient P1Officer { get; private set; } = default!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            C1OfficerAccount = await CreateAccountAsync(Role.Officer, Tree.C1);
            C1Officer = await ApiClientAsync(C1OfficerAccount);
            C1Personnel = await ApiClientAsync(await CreateAccountAsync(Role.PersonnelOfficer, Tree.C1));
            C1Admin = await ApiClientAsync(await CreateAccountAsync(Role.UnitAdministrator, Tree.C1));
            C2Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C2));
            C1Leader = await ApiClientAsync(await CreateAccountAsync(Role.Leader, Tree.C1));
            P1Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.P1));
        }
    }

    private static DateOnly Today => VietnamTime.Today(TimeProvider.System);

    private static string Iso(DateOnly day) =>
        day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A person's identifiers unique to the test, so tests sharing the fixture do not find each other's.</summary>
    private static (string Phone, string IdNumber, string Email) Person()
    {
        var n = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ($"09{n[..2]} {n[2..5]} {n[5..]}", "0010" + n, $"nguoi{n}@example.vn");
    }

    private async Task<int> RecordAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/privacy-requests", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ApiJson.ReadAsync(response)).GetProperty("id").GetInt32();
    }

    private Task<int> RecordAsync(
        string kind,
        string phone,
        string? idNumber,
        string? email,
        DateOnly? receivedOn = null
    ) =>
        RecordAsync(
            f.C1Officer,
            new
            {
                unitId = f.Tree.C1.Id,
                kind,
                subjectName = "Nguyễn Thị Hoa",
                subjectPhone = phone,
                subjectIdNumber = idNumber,
                subjectEmail = email,
                receivedOn = Iso(receivedOn ?? Today),
                details = "Xin bản sao dữ liệu",
            }
        );

    /// <summary>The person's data in every feature: a petition in C1 and one in C2, a cadre record in C1, a line of a
    /// C1 dialogue's attendance list, an account homed in C1.</summary>
    private async Task<(int Petition, int OtherPetition, int Cadre, int Dialogue, int Account)> SeedPersonAsync(
        string phone,
        string idNumber,
        string email
    )
    {
        var petition = await PetitionAsync(f.Tree.C1, phone, idNumber);
        var other = await PetitionAsync(f.Tree.C2, phone, idNumber);
        var (cadreId, dialogueId) = await f.WithDbAsync(async db =>
        {
            var c1 = f.Tree.C1;
            var cadre = new Cadre
            {
                UnitId = c1.Id,
                ProvinceId = c1.ProvinceId,
                CommuneId = c1.CommuneId,
                UnitLevel = c1.Level,
                FullName = "Nguyễn Thị Hoa",
                Sex = Sex.Female,
                Phone = phone.Replace(" ", "."),
                CreatedAt = DateTime.UtcNow,
            };
            db.Cadres.Add(cadre);
            var dialogue = new DialogueSession
            {
                UnitId = c1.Id,
                ProvinceId = c1.ProvinceId,
                CommuneId = c1.CommuneId,
                UnitLevel = c1.Level,
                Type = DialogueType.AdHocDialogue,
                HeldOn = Today.AddDays(-20),
                Topic = "Đối thoại về đường làng",
                ChairName = "Chủ trì",
                AttendanceList = $"Trần Văn Bình — 0988 111 222\nNguyễn Thị Hoa — {phone}\nLê Văn Cường",
                CreatedAt = DateTime.UtcNow,
            };
            db.Dialogues.Add(dialogue);
            await db.SaveChangesAsync();
            return (cadre.Id, dialogue.Id);
        });
        var account = (await f.CreateAccountAsync(Role.Viewer, f.Tree.C1, email: email)).Id;
        return (petition, other, cadreId, dialogueId, account);
    }

    private Task<int> PetitionAsync(Unit unit, string phone, string idNumber) =>
        f.WithDbAsync(async db =>
        {
            var p = new Petition
            {
                HandlingUnitId = unit.Id,
                Channel = PetitionChannel.Letter,
                ReceivedOn = Today.AddDays(-30),
                CategoryId = await db.PetitionCategories.Select(c => c.Id).FirstAsync(),
                Title = "Kiến nghị về đường làng " + unit.Code,
                Content = "Nội dung",
                PetitionerKind = PetitionerKind.Citizen,
                PetitionerName = "Nguyễn Thị Hoa",
                PetitionerPhone = phone,
                PetitionerIdNumber = idNumber,
                TrackingCode = PetitionRules.NewTrackingCode(),
                CreatedAt = DateTime.UtcNow,
            };
            RecordPetition.PlaceIn(p, unit);
            p.SearchText = RecordPetition.SearchTextOf(p);
            db.Petitions.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });

    private static async Task<JsonElement> GetAsync(HttpClient api, int id) =>
        await ApiJson.OkAsync(await api.GetAsync($"/api/v1/privacy-requests/{id}"));

    private static List<(string Kind, int Id)> Matches(JsonElement view) =>
        [
            .. view.GetProperty("found")
                .GetProperty("matches")
                .EnumerateArray()
                .Select(m => (m.GetProperty("kind").GetString()!, m.GetProperty("id").GetInt32())),
        ];

    private static List<string> NotSearched(JsonElement view) =>
        [.. view.GetProperty("found").GetProperty("notSearched").EnumerateArray().Select(k => k.GetString()!)];

    [Fact]
    public async Task A_request_is_recorded_with_the_laws_two_deadlines_and_bad_input_writes_nothing()
    {
        var before = await f.WithDbAsync(db => db.DataSubjectRequests.CountAsync());
        var bad = await f.C1Officer.PostAsJsonAsync(
            "/api/v1/privacy-requests",
            new
            {
                unitId = f.Tree.C1.Id,
                kind = "Access",
                subjectName = "Nguyễn Văn An",
                subjectPhone = "abc",
                receivedOn = Iso(Today.AddDays(3)),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ApiJson.ReadAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("subjectPhone", out _) || errors.TryGetProperty("SubjectPhone", out _));
        Assert.True(errors.TryGetProperty("receivedOn", out _) || errors.TryGetProperty("ReceivedOn", out _));

        // A name alone identifies nobody.
        var nameOnly = await f.C1Officer.PostAsJsonAsync(
            "/api/v1/privacy-requests",
            new
            {
                unitId = f.Tree.C1.Id,
                kind = "Erasure",
                subjectName = "Nguyễn Văn An",
                receivedOn = Iso(Today),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, nameOnly.StatusCode);

        // Another commune's officer records nothing for C1; a leader handles no requests.
        var elsewhere = await f.C2Officer.PostAsJsonAsync(
            "/api/v1/privacy-requests",
            new
            {
                unitId = f.Tree.C1.Id,
                kind = "Access",
                subjectName = "A",
                subjectIdNumber = "001099012345",
                receivedOn = Iso(Today),
            }
        );
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await f.C1Leader.GetAsync("/api/v1/privacy-requests")).StatusCode);
        Assert.Equal(before, await f.WithDbAsync(db => db.DataSubjectRequests.CountAsync()));

        var received = Today.AddDays(-1);
        var (phone, idNumber, _) = Person();
        var id = await RecordAsync("Access", phone, idNumber, null, received);
        var view = await GetAsync(f.C1Officer, id);
        Assert.Equal("Received", view.GetProperty("status").GetString());
        Assert.Equal($"YC-{id:D6}", view.GetProperty("code").GetString());
        Assert.Equal(Iso(received.AddDays(PrivacyRules.HandleDays)), view.GetProperty("dueOn").GetString());
        var expected = await f.WithDbAsync(async db =>
            (await new WorkingCalendar(db).AroundAsync(received, CancellationToken.None)).Add(
                received,
                PrivacyRules.AcknowledgeWorkingDays
            )
        );
        Assert.Equal(Iso(expected), view.GetProperty("acknowledgeBy").GetString());
        Assert.True(expected >= received.AddDays(2));

        // The person's identity never enters the audit trail's values; reading the request is audited, once per HTTP
        // request: the create's answer and the GET above.
        var trail = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == nameof(DataSubjectRequest) && a.EntityId == id.ToString())
                .ToListAsync()
        );
        Assert.Equal(2, trail.Count(a => a.Action == AuditAction.PersonalDataViewed));
        Assert.DoesNotContain(trail, a =>
            ((a.Before ?? "") + (a.After ?? "")).Contains("Hoa")
            || ((a.Before ?? "") + (a.After ?? "")).Contains(idNumber)
        );

        // The list masks the person.
        var list = await ApiJson.OkAsync(await f.C1Officer.GetAsync("/api/v1/privacy-requests?open=true"));
        var row = list.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == id);
        Assert.Equal("N••• T••• H•••", row.GetProperty("subjectMasked").GetString());
        Assert.DoesNotContain(
            (await ApiJson.OkAsync(await f.C2Officer.GetAsync("/api/v1/privacy-requests"))).EnumerateArray(),
            r => r.GetProperty("id").GetInt32() == id
        );
    }

    [Fact]
    public async Task Each_handler_finds_the_person_only_where_their_own_rights_reach()
    {
        var (phone, idNumber, email) = Person();
        var seeded = await SeedPersonAsync(phone, idNumber, email);
        var id = await RecordAsync("Access", phone, idNumber, email);

        var officer = await GetAsync(f.C1Officer, id);
        var found = Matches(officer);
        Assert.Contains(("Petition", seeded.Petition), found);
        Assert.Contains(("Dialogue", seeded.Dialogue), found);
        Assert.DoesNotContain(("Petition", seeded.OtherPetition), found); // C2's, outside the officer's subtree
        Assert.DoesNotContain(found, m => m.Kind is "Cadre" or "Account");
        Assert.Equal(["Cadre", "Account"], NotSearched(officer));

        var personnel = await GetAsync(f.C1Personnel, id);
        Assert.Equal([("Cadre", seeded.Cadre)], Matches(personnel));
        Assert.Equal(["Petition", "Dialogue", "Account"], NotSearched(personnel));

        var admin = await GetAsync(f.C1Admin, id);
        Assert.Equal([("Account", seeded.Account)], Matches(admin));

        // Another commune's officer does not see the request at all.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.C2Officer.GetAsync($"/api/v1/privacy-requests/{id}")).StatusCode
        );
    }

    [Fact]
    public async Task A_handler_above_who_holds_none_of_the_persons_data_reads_the_request_masked()
    {
        // The person has no data anywhere: the commune that received the request reads it in clear (it answers the
        // person); the province above handles it too but holds nothing of theirs, so it reads it masked, as on the list,
        // and its read is no reveal of personal data.
        var (phone, idNumber, email) = Person();
        var id = await RecordAsync("Access", phone, idNumber, email);

        var commune = await GetAsync(f.C1Officer, id);
        Assert.True(commune.GetProperty("identityShown").GetBoolean());
        Assert.Equal("Nguyễn Thị Hoa", commune.GetProperty("subjectName").GetString());
        Assert.Equal("Xin bản sao dữ liệu", commune.GetProperty("details").GetString());

        var province = await GetAsync(f.P1Officer, id);
        Assert.False(province.GetProperty("identityShown").GetBoolean());
        Assert.Equal("N••• T••• H•••", province.GetProperty("subjectName").GetString());
        Assert.Equal(JsonValueKind.Null, province.GetProperty("details").ValueKind);
        var shown = province.GetRawText();
        Assert.DoesNotContain(idNumber, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(email, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Hoa\"", shown, StringComparison.Ordinal);

        // The file the province downloads names nobody either.
        var file = await (
            await f.P1Officer.PostAsync($"/api/v1/privacy-requests/{id}/export", null)
        ).Content.ReadAsStringAsync();
        Assert.DoesNotContain(idNumber, file, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Thị Hoa", file, StringComparison.Ordinal);

        var views = await f.WithDbAsync(db =>
            db.AuditEntries.CountAsync(a =>
                a.EntityType == nameof(DataSubjectRequest)
                && a.EntityId == id.ToString()
                && a.Action == AuditAction.PersonalDataViewed
            )
        );
        Assert.Equal(2, views); // the create's answer and the commune's read; none for the province
    }

    [Fact]
    public async Task The_persons_data_comes_as_one_file_and_the_export_is_audited()
    {
        var (phone, idNumber, email) = Person();
        var seeded = await SeedPersonAsync(phone, idNumber, email);
        var id = await RecordAsync("Access", phone, idNumber, email);

        var response = await f.C1Officer.PostAsync($"/api/v1/privacy-requests/{id}/export", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(
            $"yc-{id:D6}",
            response.Content.Headers.ContentDisposition?.FileNameStar
                ?? response.Content.Headers.ContentDisposition?.FileName
        );
        var file = await ApiJson.ReadAsync(response);
        Assert.Equal("Nguyễn Thị Hoa", file.GetProperty("Subject").GetProperty("Name").GetString());
        var petition = Assert.Single(file.GetProperty("Petitions").EnumerateArray());
        Assert.Equal(phone, petition.GetProperty("Phone").GetString());
        Assert.Equal(idNumber, petition.GetProperty("IdNumber").GetString());
        var dialogue = Assert.Single(file.GetProperty("Dialogues").EnumerateArray());
        Assert.Equal(
            [$"Nguyễn Thị Hoa — {phone}"],
            dialogue.GetProperty("Lines").EnumerateArray().Select(l => l.GetString())
        );
        Assert.Empty(file.GetProperty("Cadres").EnumerateArray());
        Assert.Equal(["Cadre", "Account"], file.GetProperty("NotSearched").EnumerateArray().Select(k => k.GetString()));

        var exported = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Action == AuditAction.PersonalDataExported)
                .Select(a => new { a.EntityType, a.EntityId })
                .ToListAsync()
        );
        Assert.Contains(exported, a => a.EntityType == nameof(Petition) && a.EntityId == seeded.Petition.ToString());
        Assert.Contains(exported, a => a.EntityType == "DialogueSession" && a.EntityId == seeded.Dialogue.ToString());
        Assert.Contains(exported, a => a.EntityType == nameof(DataSubjectRequest) && a.EntityId == id.ToString());

        // The personnel officer's file holds the cadre record, in clear.
        var cadreFile = await ApiJson.ReadAsync(
            await f.C1Personnel.PostAsync($"/api/v1/privacy-requests/{id}/export", null)
        );
        Assert.Equal(
            phone.Replace(" ", "."),
            Assert.Single(cadreFile.GetProperty("Cadres").EnumerateArray()).GetProperty("Phone").GetString()
        );
    }

    [Fact]
    public async Task An_erasure_request_erases_the_person_everywhere_the_handler_reaches_and_keeps_the_records()
    {
        var (phone, idNumber, email) = Person();
        var seeded = await SeedPersonAsync(phone, idNumber, email);
        var access = await RecordAsync("Access", phone, idNumber, email);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await f.C1Officer.PostAsync($"/api/v1/privacy-requests/{access}/erase", null)).StatusCode
        );

        var id = await RecordAsync("Erasure", phone, idNumber, email);
        var officer = await ApiJson.OkAsync(await f.C1Officer.PostAsync($"/api/v1/privacy-requests/{id}/erase", null));
        Assert.Equal(2, officer.GetProperty("erased").GetInt32());
        Assert.Equal(0, officer.GetProperty("conflicts").GetInt32());
        var personnel = await ApiJson.OkAsync(
            await f.C1Personnel.PostAsync($"/api/v1/privacy-requests/{id}/erase", null)
        );
        Assert.Equal(1, personnel.GetProperty("erased").GetInt32());
        var admin = await ApiJson.OkAsync(await f.C1Admin.PostAsync($"/api/v1/privacy-requests/{id}/erase", null));
        Assert.Equal(1, admin.GetProperty("erased").GetInt32());

        await f.WithDbAsync(async db =>
        {
            var p = await db.Petitions.SingleAsync(x => x.Id == seeded.Petition);
            Assert.Null(p.PetitionerPhone);
            Assert.Null(p.PetitionerIdNumber);
            Assert.Null(p.PetitionerName);
            Assert.NotNull(p.ErasedAt);
            Assert.Equal("Nội dung", p.Content);
            // C2's petition is C2's to erase.
            Assert.Equal(phone, (await db.Petitions.SingleAsync(x => x.Id == seeded.OtherPetition)).PetitionerPhone);
            var c = await db.Cadres.SingleAsync(x => x.Id == seeded.Cadre);
            Assert.Null(c.Phone);
            Assert.NotNull(c.ErasedAt);
            var d = await db.Dialogues.SingleAsync(x => x.Id == seeded.Dialogue);
            Assert.Equal("Trần Văn Bình — 0988 111 222\nLê Văn Cường", d.AttendanceList);
            var a = await db.Users.SingleAsync(x => x.Id == seeded.Account);
            Assert.True(a.IsDisabled);
            Assert.Null(a.Email);
            Assert.StartsWith(FulfilPrivacyRequest.ErasedAccountPrefix, a.UserName);
            var erasures = await db.AuditEntries.Where(e => e.Action == AuditAction.PersonalDataErased).ToListAsync();
            Assert.Contains(erasures, e => e.EntityType == "Account" && e.EntityId == seeded.Account.ToString());
            Assert.DoesNotContain(erasures, e =>
                ((e.Before ?? "") + (e.After ?? "")).Contains(email, StringComparison.OrdinalIgnoreCase)
            );
        });

        // Again: the erased records no longer carry the person's identifiers; nothing is left to find.
        var again = await ApiJson.OkAsync(await f.C1Officer.PostAsync($"/api/v1/privacy-requests/{id}/erase", null));
        Assert.Equal(0, again.GetProperty("erased").GetInt32());
        Assert.Empty(Matches(await GetAsync(f.C1Officer, id)));
        Assert.Empty(Matches(await GetAsync(f.C1Admin, id)));
    }

    [Fact]
    public async Task Acknowledging_and_closing_check_the_version_and_the_outcome()
    {
        var (phone, idNumber, _) = Person();
        var id = await RecordAsync("Objection", phone, idNumber, null);
        var acknowledged = await ApiJson.OkAsync(
            await f.C1Officer.PostAsJsonAsync($"/api/v1/privacy-requests/{id}/acknowledge", new { version = 0 })
        );
        Assert.Equal("Acknowledged", acknowledged.GetProperty("status").GetString());
        Assert.Equal(Iso(Today), acknowledged.GetProperty("acknowledgedOn").GetString());

        // A stale close is refused with the request as it is now; no outcome is refused; nothing is written.
        var stale = await f.C1Officer.PostAsJsonAsync(
            $"/api/v1/privacy-requests/{id}/close",
            new
            {
                version = 0,
                status = "Refused",
                outcome = "Xử lý theo nhiệm vụ luật định",
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(
            "Acknowledged",
            (await ApiJson.ReadAsync(stale)).GetProperty("current").GetProperty("status").GetString()
        );
        var empty = await f.C1Officer.PostAsJsonAsync(
            $"/api/v1/privacy-requests/{id}/close",
            new { version = 1, status = "Refused" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(
            RequestStatus.Acknowledged,
            await f.WithDbAsync(db => db.DataSubjectRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync())
        );

        var closed = await ApiJson.OkAsync(
            await f.C1Officer.PostAsJsonAsync(
                $"/api/v1/privacy-requests/{id}/close",
                new
                {
                    version = 1,
                    status = "Refused",
                    outcome = "Dữ liệu được xử lý theo nhiệm vụ luật định",
                }
            )
        );
        Assert.Equal("Refused", closed.GetProperty("status").GetString());
        Assert.Equal("Closed", closed.GetProperty("state").GetString());
        var reopen = await f.C1Officer.PostAsJsonAsync(
            $"/api/v1/privacy-requests/{id}/acknowledge",
            new { version = 2 }
        );
        Assert.Equal(HttpStatusCode.BadRequest, reopen.StatusCode);
    }

    [Fact]
    public async Task Reminders_go_to_the_units_handlers_once_per_stage()
    {
        await f.WithDbAsync(db =>
            db.DataSubjectRequests.Where(r =>
                    r.Status == RequestStatus.Received || r.Status == RequestStatus.Acknowledged
                )
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Fulfilled))
        );
        var (phone, idNumber, _) = Person();
        var fresh = await RecordAsync("Access", phone, idNumber, null);
        var ackLate = await RecordAsync("Access", phone, idNumber, null, Today.AddDays(-6));
        var dueSoon = await RecordAsync("Access", phone, idNumber, null, Today.AddDays(-13));
        var overdue = await RecordAsync("Access", phone, idNumber, null, Today.AddDays(-20));

        Assert.Equal(3, await RemindAsync());
        var notices = await f.WithDbAsync(db =>
            db.Notifications.Where(n => n.AccountId == f.C1OfficerAccount.Id && n.Link.StartsWith("/privacy/"))
                .Select(n => new
                {
                    n.Kind,
                    n.Link,
                    n.Urgent,
                    n.Subject,
                })
                .ToListAsync()
        );
        Assert.Contains(notices, n =>
            n.Kind == NotificationKind.PrivacyAcknowledgementDue && n.Link == $"/privacy/{ackLate}" && n.Urgent
        );
        Assert.Contains(notices, n =>
            n.Kind == NotificationKind.PrivacyRequestDue && n.Link == $"/privacy/{dueSoon}" && !n.Urgent
        );
        Assert.Contains(notices, n =>
            n.Kind == NotificationKind.PrivacyRequestOverdue && n.Link == $"/privacy/{overdue}" && n.Urgent
        );
        Assert.DoesNotContain(notices, n => n.Link == $"/privacy/{fresh}");
        // The notice names the request, never the person.
        Assert.DoesNotContain(notices, n => n.Subject.Contains("Hoa"));

        Assert.Equal(0, await RemindAsync());
    }

    [Fact]
    public async Task The_pages_record_acknowledge_and_close_a_request()
    {
        var page = await f.SignInAsync(f.C1OfficerAccount);
        var (phone, idNumber, _) = Person();
        var (list, _) = await page.GetPageAsync("/privacy");
        Assert.True(list.IsSuccessStatusCode, string.Join("\n", f.Log.Errors));

        // Bad input: the form comes back with the message, nothing is written.
        var before = await f.WithDbAsync(db => db.DataSubjectRequests.CountAsync());
        var form = await page.GetAsync("/privacy/new");
        Assert.True(form.IsSuccessStatusCode, string.Join("\n", f.Log.Errors));
        var refused = await page.SubmitFormAsync(
            "/privacy/new",
            "privacy-new",
            new() { ["Input.Kind"] = "Erasure", ["Input.SubjectName"] = "Nguyễn Văn An" }
        );
        Assert.True(refused.IsSuccessStatusCode, string.Join("\n", f.Log.Errors));
        Assert.Contains(
            "Nhập ít nhất một trong số định danh",
            await refused.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(before, await f.WithDbAsync(db => db.DataSubjectRequests.CountAsync()));

        var saved = await page.SubmitFormAsync(
            "/privacy/new",
            "privacy-new",
            new()
            {
                ["Input.Kind"] = "Access",
                ["Input.SubjectName"] = "Nguyễn Thị Hoa",
                ["Input.SubjectIdNumber"] = idNumber,
                ["Input.SubjectPhone"] = phone,
            }
        );
        var (shown, document) = await page.FollowAsync(saved);
        Assert.True(shown.IsSuccessStatusCode, string.Join("\n", f.Log.Errors));
        var id = int.Parse(shown.RequestMessage!.RequestUri!.AbsolutePath.Split('/').Last());
        Assert.Equal("Nguyễn Thị Hoa", document.QuerySelector("dl dd")!.TextContent.Trim());

        var acknowledged = await page.SubmitFormAsync($"/privacy/{id}", "acknowledge", []);
        await page.FollowAsync(acknowledged);
        Assert.Equal(
            RequestStatus.Acknowledged,
            await f.WithDbAsync(db => db.DataSubjectRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync())
        );
        var closed = await page.SubmitFormAsync(
            $"/privacy/{id}",
            "privacy-close",
            new()
            {
                ["CloseInput.Status"] = "Fulfilled",
                ["CloseInput.Outcome"] = "Đã gửi bản sao dữ liệu qua bưu điện",
            }
        );
        var (_, after) = await page.FollowAsync(closed);
        Assert.Contains("Đã gửi bản sao dữ liệu qua bưu điện", after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("form input[value=privacy-close]"));
    }

    private async Task<int> RemindAsync()
    {
        await using var scope = f.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PrivacyReminders>().RunAsync(CancellationToken.None);
    }
}
