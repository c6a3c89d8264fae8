using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Petitions.PetitionData;

namespace DanVan.Tests.Petitions;

/// <summary>
/// Dialogues and petitions through the API: recording, assignment with a deadline in working days, the agency's
/// answer (late ones explained), extensions, closing, reopening, redirecting, grouping, who may do what, and the
/// bad input of the issue, each refused clearly with nothing written.
/// </summary>
public sealed class PetitionWorkflowTests(PetitionWorkflowTests.Fixture f)
    : IClassFixture<PetitionWorkflowTests.Fixture>
{
    public sealed class Fixture : FakeClockApp
    {
        public HttpClient Officer { get; private set; } = default!;
        public HttpClient Agency { get; private set; } = default!;
        public HttpClient SecondAgencyHandler { get; private set; } = default!;
        public HttpClient OtherAgency { get; private set; } = default!;
        public HttpClient Viewer { get; private set; } = default!;
        public HttpClient SiblingOfficer { get; private set; } = default!;
        public int AgencyId { get; private set; }
        public int OtherAgencyId { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            AgencyId = await OrganizationAsync(this, Tree.C1);
            OtherAgencyId = await WithDbAsync(async db =>
            {
                var org = new DanVan.Web.Features.Organizations.Organization
                {
                    UnitId = Tree.C1.Id,
                    ProvinceId = Tree.C1.ProvinceId,
                    CommuneId = Tree.C1.CommuneId,
                    Type = DanVan.Web.Features.Organizations.OrganizationType.FatherlandFront,
                    Name = "Ủy ban MTTQ xã Đông Hòa",
                };
                db.Organizations.Add(org);
                await db.SaveChangesAsync();
                return org.Id;
            });
            Officer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C1));
            Agency = await ApiClientAsync(await CreateAccountAsync(Role.AgencyHandler, Tree.C1, AgencyId));
            SecondAgencyHandler = await ApiClientAsync(await CreateAccountAsync(Role.AgencyHandler, Tree.C1, AgencyId));
            OtherAgency = await ApiClientAsync(await CreateAccountAsync(Role.AgencyHandler, Tree.C1, OtherAgencyId));
            Viewer = await ApiClientAsync(await CreateAccountAsync(Role.Viewer, Tree.C1));
            SiblingOfficer = await ApiClientAsync(await CreateAccountAsync(Role.Officer, Tree.C2));
        }
    }

    [Fact]
    public async Task A_conference_petition_is_assigned_answered_and_resolved_each_step_by_its_own_actor()
    {
        var dialogue = await ApiJson.OkAsync(
            await f.Officer.PostAsJsonAsync("/api/v1/dialogues", Conference(f.Tree.C1, f.Today.AddDays(-3)))
        );
        var dialogueId = dialogue.GetProperty("id").GetInt32();

        // No notice was recorded: the 7-day rule is a warning on the session, not a refusal.
        Assert.Contains(dialogue.GetProperty("checks").EnumerateArray(), c =>
            c.GetProperty("warning").GetString() == "NoticeMissing"
        );
        Assert.Contains(dialogue.GetProperty("checks").EnumerateArray(), c =>
            c.GetProperty("warning").GetString() == "ResultsDue"
        );

        var petition = await RecordAsync(f.Officer, await PetitionAsync(f, f.Tree.V1, f.Today.AddDays(-3), dialogueId));
        Assert.Equal("Received", petition.GetProperty("status").GetString());
        Assert.Equal(f.Tree.C1.Id, petition.GetProperty("handlingUnitId").GetInt32());
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", petition.GetProperty("trackingCode").GetString());

        // Only the handling unit assigns; the deadline is the category's 20 working days from the assignment. An agency
        // does not even see a petition before it is assigned to it.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await StepAsync(f.Agency, petition, "Assign", new { organizationId = f.AgencyId })).StatusCode
        );
        petition = await StepOkAsync(f.Officer, petition, "Assign", new { organizationId = f.AgencyId });
        Assert.Equal("Assigned", petition.GetProperty("status").GetString());
        Assert.Equal("2026-12-14", petition.GetProperty("dueOn").GetString());

        // Only a handler of the assigned organization answers: not the officer, not another agency (which does not see
        // it).
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(f.Officer, petition, "Start")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(f.OtherAgency, petition, "Start")).StatusCode);
        petition = await StepOkAsync(f.Agency, petition, "Start");
        var answer = await StepAsync(f.Agency, petition, "Answer", new { answer = "", publishAnswer = true });
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Answer", (await FieldErrorsAsync(answer)).Keys);
        petition = await StepOkAsync(
            f.Agency,
            petition,
            "Answer",
            new { answer = "Đã nạo vét 300 m rãnh thoát nước.", publishAnswer = true }
        );
        Assert.Equal("Answered", petition.GetProperty("status").GetString());
        Assert.True(petition.GetProperty("answeredOnTime").GetBoolean());

        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(f.Agency, petition, "Resolve")).StatusCode);
        petition = await StepOkAsync(f.Officer, petition, "Resolve");
        Assert.Equal("Resolved", petition.GetProperty("status").GetString());

        var actions = petition
            .GetProperty("events")
            .EnumerateArray()
            .Select(e => e.GetProperty("action").GetString())
            .ToList();
        Assert.Equal(["Receive", "Assign", "Start", "Answer", "Resolve"], actions);
        var id = petition.GetProperty("id").GetInt32();
        var audited = await f.WithDbAsync(db =>
            db.AuditEntries.CountAsync(a => a.EntityType == nameof(Petition) && a.EntityId == id.ToString())
        );
        Assert.True(audited >= 5);

        // The dialogue lists it.
        var seen = await ApiJson.OkAsync(await f.Officer.GetAsync($"/api/v1/dialogues/{dialogueId}"));
        Assert.Contains(seen.GetProperty("petitions").EnumerateArray(), p => p.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task A_late_answer_needs_a_written_explanation_and_counts_as_late()
    {
        var petition = await RecordAsync(f.Officer, await PetitionAsync(f, f.Tree.V2, f.Today.AddDays(-45)));
        petition = await StepOkAsync(
            f.Officer,
            petition,
            "Assign",
            new { organizationId = f.AgencyId, on = Iso(f.Today.AddDays(-45)) }
        );
        Assert.True(petition.GetProperty("isOverdue").GetBoolean());
        var refused = await StepAsync(f.Agency, petition, "Answer", new { answer = "Đã xử lý." });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("LateExplanation", (await FieldErrorsAsync(refused)).Keys);
        Assert.Equal(
            "Assigned",
            (
                await ApiJson.OkAsync(
                    await f.Officer.GetAsync($"/api/v1/petitions/{petition.GetProperty("id").GetInt32()}")
                )
            )
                .GetProperty("status")
                .GetString()
        );

        petition = await StepOkAsync(
            f.Agency,
            petition,
            "Answer",
            new { answer = "Đã xử lý.", lateExplanation = "Chờ kinh phí từ ngân sách huyện cũ." }
        );
        Assert.False(petition.GetProperty("answeredOnTime").GetBoolean());
        Assert.Equal("Chờ kinh phí từ ngân sách huyện cũ.", petition.GetProperty("lateExplanation").GetString());
    }

    [Fact]
    public async Task An_extension_is_asked_by_the_agency_and_decided_by_the_assigning_unit()
    {
        var petition = await RecordAsync(f.Officer, await PetitionAsync(f, f.Tree.V1, f.Today));
        petition = await StepOkAsync(f.Officer, petition, "Assign", new { organizationId = f.AgencyId });
        var due = petition.GetProperty("dueOn").GetString()!;

        var tooEarly = await StepAsync(
            f.Agency,
            petition,
            "RequestExtension",
            new { extendTo = due, note = "Cần khảo sát." }
        );
        Assert.Contains("ExtendTo", (await FieldErrorsAsync(tooEarly)).Keys);
        var noReason = await StepAsync(f.Agency, petition, "RequestExtension", new { extendTo = "2027-01-15" });
        Assert.Contains("Note", (await FieldErrorsAsync(noReason)).Keys);
        petition = await StepOkAsync(
            f.Agency,
            petition,
            "RequestExtension",
            new { extendTo = "2027-01-15", note = "Cần khảo sát hiện trường." }
        );
        Assert.Equal("2027-01-15", petition.GetProperty("extensionRequestedTo").GetString());
        Assert.Equal(due, petition.GetProperty("dueOn").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(f.Agency, petition, "ApproveExtension")).StatusCode);
        petition = await StepOkAsync(f.Officer, petition, "ApproveExtension");
        Assert.Equal("2027-01-15", petition.GetProperty("dueOn").GetString());
        Assert.Equal(JsonValueKind.Null, petition.GetProperty("extensionRequestedTo").ValueKind);

        // A refusal keeps the deadline and needs a reason.
        petition = await StepOkAsync(
            f.Agency,
            petition,
            "RequestExtension",
            new { extendTo = "2027-02-15", note = "Thêm thời gian." }
        );
        Assert.Contains("Note", (await FieldErrorsAsync(await StepAsync(f.Officer, petition, "RefuseExtension"))).Keys);
        petition = await StepOkAsync(f.Officer, petition, "RefuseExtension", new { note = "Đủ thời gian." });
        Assert.Equal("2027-01-15", petition.GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task Bad_assignments_are_refused_at_the_field_and_write_nothing()
    {
        var petition = await RecordAsync(f.Officer, await PetitionAsync(f, f.Tree.V1, f.Today.AddDays(-2)));
        var outside = await OrganizationAsync(f, f.Tree.C3);
        var response = await StepAsync(f.Officer, petition, "Assign", new { organizationId = outside });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("OrganizationId", (await FieldErrorsAsync(response)).Keys);

        var beforeReceived = await StepAsync(
            f.Officer,
            petition,
            "Assign",
            new { organizationId = f.AgencyId, dueOn = Iso(f.Today.AddDays(-5)) }
        );
        var errors = await FieldErrorsAsync(beforeReceived);
        Assert.Contains("DueOn", errors.Keys);
        Assert.Contains(
            f.Today.AddDays(-2).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            errors["DueOn"][0]
        );

        // A sibling commune's officer does not even see it.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await StepAsync(f.SiblingOfficer, petition, "Assign", new { organizationId = f.AgencyId })).StatusCode
        );
        var id = petition.GetProperty("id").GetInt32();
        var row = await f.WithDbAsync(db => db.Petitions.SingleAsync(p => p.Id == id));
        Assert.Equal((PetitionStatus.Received, (int?)null), (row.Status, row.AssignedOrganizationId));
        Assert.Equal(1, await f.WithDbAsync(db => db.PetitionEvents.CountAsync(e => e.PetitionId == id)));

        // An explicit deadline is kept as given.
        petition = await StepOkAsync(
            f.Officer,
            petition,
            "Assign",
            new { organizationId = f.AgencyId, dueOn = Iso(f.Today.AddDays(3)) }
        );
        Assert.Equal(Iso(f.Today.AddDays(3)), petition.GetProperty("dueOn").GetString());

        // Reassignment keeps the history of both assignments.
        petition = await StepOkAsync(f.Officer, petition, "Assign", new { organizationId = f.OtherAgencyId });
        var assignments = petition
            .GetProperty("events")
            .EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "Assign")
            .Select(e => e.GetProperty("organizationName").GetString())
            .ToList();
        Assert.Equal(2, assignments.Count);
        Assert.NotEqual(assignments[0], assignments[1]);
    }

    [Fact]
    public async Task Two_answers_racing_from_the_same_version_give_one_answer_and_one_conflict()
    {
        var petition = await RecordAsync(f.Officer, await PetitionAsync(f, f.Tree.V1, f.Today));
        petition = await StepOkAsync(f.Officer, petition, "Assign", new { organizationId = f.AgencyId });
        var responses = await Task.WhenAll(
            StepAsync(f.Agency, petition, "Answer", new { answer = "Trả lời thứ nhất." }),
            StepAsync(f.SecondAgencyHandler, petition, "Answer", new { answer = "Trả lời thứ hai." })
        );
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var id = petition.GetProperty("id").GetInt32();
        Assert.Equal(
            1,
            await f.WithDbAsync(db =>
                db.PetitionEvents.CountAsync(e => e.PetitionId == id && e.Action == PetitionAction.Answer)
            )
        );
    }

    [Fact]
    public async Task Closing_reopening_and_redirecting_each_carry_their_reason()
    {
        var petition = await RecordAsync(f.Officer, await PetitionAsync(f, f.Tree.V1, f.Today));
        petition = await StepOkAsync(f.Officer, petition, "Assign", new { organizationId = f.AgencyId });
        petition = await StepOkAsync(f.Agency, petition, "Answer", new { answer = "Chưa có kinh phí." });
        Assert.Contains(
            "Note",
            (await FieldErrorsAsync(await StepAsync(f.Officer, petition, "CloseNotResolved"))).Keys
        );
        petition = await StepOkAsync(
            f.Officer,
            petition,
            "CloseNotResolved",
            new { note = "Ngoài thẩm quyền của xã." }
        );
        Assert.Equal("ClosedNotResolved", petition.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(f.Officer, petition, "Resolve")).StatusCode);

        petition = await StepOkAsync(f.Officer, petition, "Reopen", new { note = "Người dân cung cấp thêm tài liệu." });
        Assert.Equal("Reopened", petition.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, petition.GetProperty("answeredOn").ValueKind);
        var awaiting = await ApiJson.OkAsync(await f.Officer.GetAsync("/api/v1/petitions?awaiting=true&limit=500"));
        Assert.Contains(awaiting.GetProperty("items").EnumerateArray(), p =>
            p.GetProperty("id").GetInt32() == petition.GetProperty("id").GetInt32()
        );
        Assert.All(awaiting.GetProperty("items").EnumerateArray(), p =>
            Assert.Contains(p.GetProperty("status").GetString(), new[] { "Received", "Reopened" })
        );

        Assert.Contains(
            "Reference",
            (
                await FieldErrorsAsync(
                    await StepAsync(f.Officer, petition, "Redirect", new { redirectAs = "Complaint" })
                )
            ).Keys
        );
        petition = await StepOkAsync(
            f.Officer,
            petition,
            "Redirect",
            new { redirectAs = "Complaint", reference = "KN-2026/114" }
        );
        Assert.Equal(
            ("Redirected", "Complaint", "KN-2026/114"),
            (
                petition.GetProperty("status").GetString(),
                petition.GetProperty("redirectedAs").GetString(),
                petition.GetProperty("redirectReference").GetString()
            )
        );
        Assert.Empty(petition.GetProperty("allowedSteps").EnumerateArray());
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await StepAsync(f.Officer, petition, "Assign", new { organizationId = f.AgencyId })).StatusCode
        );
    }

    [Fact]
    public async Task Identical_petitions_grouped_under_one_follow_it()
    {
        var first = await RecordAsync(f.Officer, await PetitionAsync(f, f.Tree.V1, f.Today, title: "Đèn đường hỏng"));
        var body = await PetitionAsync(f, f.Tree.V2, f.Today, title: "Đèn đường hỏng (kiến nghị trùng)");
        body["parentPetitionId"] = first.GetProperty("id").GetInt32();
        var second = await RecordAsync(f.Officer, body);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await StepAsync(f.Officer, second, "Assign", new { organizationId = f.AgencyId })).StatusCode
        );

        first = await StepOkAsync(f.Officer, first, "Assign", new { organizationId = f.AgencyId });
        first = await StepOkAsync(
            f.Agency,
            first,
            "Answer",
            new { answer = "Đã thay 12 bóng đèn.", publishAnswer = true }
        );
        var follower = await ApiJson.OkAsync(
            await f.Officer.GetAsync($"/api/v1/petitions/{second.GetProperty("id").GetInt32()}")
        );
        Assert.Equal(
            ("Answered", "Đã thay 12 bóng đèn.", f.AgencyId),
            (
                follower.GetProperty("status").GetString(),
                follower.GetProperty("answer").GetString(),
                follower.GetProperty("assignedOrganizationId").GetInt32()
            )
        );
        Assert.NotEqual(
            first.GetProperty("trackingCode").GetString(),
            follower.GetProperty("trackingCode").GetString()
        );
    }

    [Fact]
    public async Task Bad_petitions_are_refused_field_by_field_and_a_repeated_submission_records_one()
    {
        var before = await f.WithDbAsync(db => db.Petitions.CountAsync());
        var body = await PetitionAsync(f, f.Tree.V1, f.Today.AddDays(2));
        body["title"] = " ";
        body["petitionerPhone"] = "12ab";
        body["petitionerIdNumber"] = "12345";
        body["categoryId"] = 999_999;
        var response = await f.Officer.PostAsJsonAsync("/api/v1/petitions", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["CategoryId", "PetitionerIdNumber", "PetitionerPhone", "ReceivedOn", "Title"],
            (await FieldErrorsAsync(response)).Keys.Order()
        );

        // A viewer records nothing; an officer of another commune cannot place a petition in this one.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.Viewer.PostAsJsonAsync("/api/v1/petitions", await PetitionAsync(f, f.Tree.V1, f.Today))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.SiblingOfficer.PostAsJsonAsync("/api/v1/petitions", await PetitionAsync(f, f.Tree.V1, f.Today))
            ).StatusCode
        );
        Assert.Equal(before, await f.WithDbAsync(db => db.Petitions.CountAsync()));

        var good = await PetitionAsync(f, f.Tree.V1, f.Today);
        var twice = await Task.WhenAll(
            Enumerable
                .Range(0, 2)
                .Select(_ =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/petitions")
                    {
                        Content = JsonContent.Create(good),
                    };
                    request.Headers.Add("Idempotency-Key", "petition-form-7f3a");
                    return f.Officer.SendAsync(request);
                })
        );
        var ids = new List<int>();
        foreach (var r in twice)
        {
            ids.Add((await ApiJson.OkAsync(r)).GetProperty("id").GetInt32());
        }

        Assert.Single(ids.Distinct());
        Assert.Equal(before + 1, await f.WithDbAsync(db => db.Petitions.CountAsync()));
    }

    [Fact]
    public async Task Personal_data_is_masked_revealed_only_to_who_needs_it_audited_and_erasable()
    {
        var petition = await RecordAsync(f.Officer, await PetitionAsync(f, f.Tree.V1, f.Today));
        var id = petition.GetProperty("id").GetInt32();
        var masked = petition.GetProperty("petitioner");
        Assert.True(masked.GetProperty("masked").GetBoolean());
        Assert.Equal("L••• V••• D•••", masked.GetProperty("name").GetString());
        Assert.Equal("•••••••••678", masked.GetProperty("phone").GetString());
        var viewerJson = await (await f.Viewer.GetAsync($"/api/v1/petitions/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Lê Văn Dân", viewerJson, StringComparison.Ordinal);
        Assert.DoesNotContain("001203004567", viewerJson, StringComparison.Ordinal);
        Assert.DoesNotContain("L•••", viewerJson, StringComparison.Ordinal); // a viewer reads the register, not even the mask

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.Viewer.PostAsync($"/api/v1/petitions/{id}/personal-data", null)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.Agency.PostAsync($"/api/v1/petitions/{id}/personal-data", null)).StatusCode
        ); // not assigned yet: not seen
        var clear = await ApiJson.OkAsync(await f.Officer.PostAsync($"/api/v1/petitions/{id}/personal-data", null));
        Assert.Equal(
            ("Lê Văn Dân", "001203004567"),
            (clear.GetProperty("name").GetString(), clear.GetProperty("idNumber").GetString())
        );
        petition = await StepOkAsync(f.Officer, petition, "Assign", new { organizationId = f.AgencyId });
        Assert.Equal(
            "0912 345 678",
            (await ApiJson.OkAsync(await f.Agency.PostAsync($"/api/v1/petitions/{id}/personal-data", null)))
                .GetProperty("phone")
                .GetString()
        );

        var exported = await f.Officer.PostAsync($"/api/v1/petitions/{id}/personal-data/export", null);
        Assert.Contains("Xóm 3, thôn Thượng", await exported.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var trail = await f.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityType == nameof(Petition) && a.EntityId == id.ToString()).ToListAsync()
        );
        Assert.Equal(2, trail.Count(a => a.Action == AuditAction.PersonalDataViewed));
        Assert.Single(trail, a => a.Action == AuditAction.PersonalDataExported);
        var everything = await f.WithDbAsync(db =>
            db.AuditEntries.Select(a => (a.Before ?? "") + (a.After ?? "") + (a.Details ?? "")).ToListAsync()
        );
        Assert.DoesNotContain(everything, text =>
            text.Contains("001203004567", StringComparison.Ordinal)
            || text.Contains("0912 345 678", StringComparison.Ordinal)
            || text.Contains("Lê Văn Dân", StringComparison.Ordinal)
        );

        var version = (await ApiJson.OkAsync(await f.Officer.GetAsync($"/api/v1/petitions/{id}")))
            .GetProperty("version")
            .GetInt32();
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await f.Agency.PostAsJsonAsync($"/api/v1/petitions/{id}/personal-data/erase", new { version })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await f.Officer.PostAsJsonAsync($"/api/v1/petitions/{id}/personal-data/erase", new { version })).StatusCode
        );
        var row = await f.WithDbAsync(db => db.Petitions.SingleAsync(p => p.Id == id));
        Assert.Equal(
            (null, null, null, null),
            (row.PetitionerName, row.PetitionerPhone, row.PetitionerAddress, row.PetitionerIdNumber)
        );
        Assert.NotNull(row.ErasedAt);
        Assert.Equal(PetitionStatus.Assigned, row.Status);
        Assert.Single(
            await f.WithDbAsync(db =>
                db.AuditEntries.Where(a => a.Action == AuditAction.PersonalDataErased && a.EntityId == id.ToString())
                    .ToListAsync()
            )
        );
    }

    [Fact]
    public async Task The_agency_queue_lists_what_is_assigned_to_its_organization()
    {
        var mine = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today, title: "Hàng quán lấn chiếm vỉa hè")
        );
        mine = await StepOkAsync(f.Officer, mine, "Assign", new { organizationId = f.OtherAgencyId });
        var queue = await ApiJson.OkAsync(await f.OtherAgency.GetAsync("/api/v1/petitions?mine=true&limit=500"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), p =>
            p.GetProperty("id").GetInt32() == mine.GetProperty("id").GetInt32()
        );
        Assert.All(queue.GetProperty("items").EnumerateArray(), p =>
            Assert.Equal(f.OtherAgencyId, p.GetProperty("assignedOrganizationId").GetInt32())
        );
        var search = await ApiJson.OkAsync(await f.Officer.GetAsync("/api/v1/petitions?q=lan%20chiem%20via%20he"));
        Assert.Contains(search.GetProperty("items").EnumerateArray(), p =>
            p.GetProperty("id").GetInt32() == mine.GetProperty("id").GetInt32()
        );
    }

    [Fact]
    public async Task Documents_are_attached_by_the_agency_or_the_unit_checked_by_content_and_read_within_scope()
    {
        var petition = await RecordAsync(
            f.Officer,
            await PetitionAsync(f, f.Tree.V1, f.Today, title: "Kiến nghị có văn bản trả lời")
        );
        petition = await StepOkAsync(f.Officer, petition, "Assign", new { organizationId = f.AgencyId });
        var id = petition.GetProperty("id").GetInt32();
        var pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"u8.ToArray();
        MultipartFormDataContent Upload(byte[] bytes, string name) =>
            new()
            {
                { new ByteArrayContent(bytes), "file", name },
                { new StringContent("Văn bản trả lời số 12"), "caption" },
            };

        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.OtherAgency.PostAsync($"/api/v1/petitions/{id}/documents", Upload(pdf, "tra-loi.pdf"))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.SiblingOfficer.PostAsync($"/api/v1/petitions/{id}/documents", Upload(pdf, "tra-loi.pdf"))
            ).StatusCode
        );
        var disguised = await f.Agency.PostAsync(
            $"/api/v1/petitions/{id}/documents",
            Upload([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], "tra-loi.pdf")
        );
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("file", (await FieldErrorsAsync(disguised)).Keys);
        Assert.Equal(0, await f.WithDbAsync(db => db.CaseDocuments.CountAsync(d => d.PetitionId == id)));

        var created = await ApiJson.OkAsync(
            await f.Agency.PostAsync($"/api/v1/petitions/{id}/documents", Upload(pdf, "tra-loi.pdf"))
        );
        var documentId = created.GetProperty("id").GetInt32();
        Assert.Equal(
            ("tra-loi.pdf", "Pdf", "Văn bản trả lời số 12"),
            (
                created.GetProperty("fileName").GetString(),
                created.GetProperty("type").GetString(),
                created.GetProperty("caption").GetString()
            )
        );
        var download = await f.Officer.GetAsync($"/api/v1/petitions/{id}/documents/{documentId}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.SiblingOfficer.GetAsync($"/api/v1/petitions/{id}/documents/{documentId}")).StatusCode
        );
        // A petition's documents are part of its case: not for the register's readers, nor for another agency.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.Viewer.GetAsync($"/api/v1/petitions/{id}/documents/{documentId}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await f.OtherAgency.GetAsync($"/api/v1/petitions/{id}/documents/{documentId}")).StatusCode
        );

        // A dialogue's documents belong to its unit's officers.
        var dialogue = await ApiJson.OkAsync(
            await f.Officer.PostAsJsonAsync("/api/v1/dialogues", Conference(f.Tree.C1, f.Today))
        );
        var dialogueId = dialogue.GetProperty("id").GetInt32();
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await f.Viewer.PostAsync($"/api/v1/dialogues/{dialogueId}/documents", Upload(pdf, "giay-moi.pdf"))
            ).StatusCode
        );
        var invitation = await ApiJson.OkAsync(
            await f.Officer.PostAsync($"/api/v1/dialogues/{dialogueId}/documents", Upload(pdf, "giay-moi.pdf"))
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await f.Officer.GetAsync($"/api/v1/petitions/{id}/documents/{invitation.GetProperty("id").GetInt32()}")
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await f.Viewer.GetAsync(
                    $"/api/v1/dialogues/{dialogueId}/documents/{invitation.GetProperty("id").GetInt32()}"
                )
            ).StatusCode
        );
    }
}
