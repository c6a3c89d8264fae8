using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using static DanVan.Tests.Petitions.PetitionData;

namespace DanVan.Tests.Security;

/// <summary>
/// QUALITY.md S7, field by field: for every role at the commune C1, which sensitive fields of a record its API answer
/// and
/// its page show — a petition's letter and handling, its petitioner, its tracking code, a dialogue's attendance list,
/// an
/// account's roles and tokens. The expectations are written here from the role table of docs/SECURITY.md, not read from
/// the code; the API and the page must agree with them and with each other.
/// </summary>
public sealed class FieldMatrixTests(FieldMatrixTests.Fixture f) : IClassFixture<FieldMatrixTests.Fixture>
{
    private static readonly Role[] Roles = Enum.GetValues<Role>();

    public sealed class Fixture : FakeClockApp
    {
        public Dictionary<Role, HttpClient> Api { get; } = [];
        public Dictionary<Role, PageClient> Pages { get; } = [];
        public int AgencyId { get; private set; }

        /// <summary>A petition in V1 assigned to the agency handler's organization, answered, with a
        /// document.</summary>
        public int Assigned { get; private set; }

        /// <summary>A petition in V1 only received: no agency's.</summary>
        public int Received { get; private set; }

        public string AssignedCode { get; private set; } = "";
        public int Dialogue { get; private set; }
        public int Account { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            AgencyId = await OrganizationAsync(this, Tree.C1);
            foreach (var role in Roles)
            {
                var account = await CreateAccountAsync(
                    role,
                    role == Role.SystemAdministrator ? Tree.Root : Tree.C1,
                    role == Role.AgencyHandler ? AgencyId : null
                );
                Api[role] = await ApiClientAsync(account);
                Pages[role] = await SignInAsync(account);
            }

            var officer = Api[Role.Officer];
            var dialogue = Conference(Tree.C1, Today.AddDays(-1));
            dialogue["attendanceList"] = "Nguyễn Thị Dự Họp, Trần Văn Góp Ý";
            Dialogue = (await ApiJson.OkAsync(await officer.PostAsJsonAsync("/api/v1/dialogues", dialogue)))
                .GetProperty("id")
                .GetInt32();

            var assigned = await RecordAsync(
                officer,
                await PetitionAsync(this, Tree.V1, Today.AddDays(-1), Dialogue, "Kiến nghị ma trận trường")
            );
            AssignedCode = assigned.GetProperty("trackingCode").GetString()!;
            assigned = await StepOkAsync(officer, assigned, "Assign", new { organizationId = AgencyId });
            Assigned = assigned.GetProperty("id").GetInt32();
            await StepOkAsync(
                Api[Role.AgencyHandler],
                assigned,
                "Answer",
                new { answer = "Trả lời ma trận trường.", publishAnswer = false }
            );
            var pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"u8.ToArray();
            await ApiJson.OkAsync(
                await officer.PostAsync(
                    $"/api/v1/petitions/{Assigned}/documents",
                    new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "ma-tran.pdf" } }
                )
            );
            Received = (
                await RecordAsync(
                    officer,
                    await PetitionAsync(this, Tree.V1, Today, title: "Kiến nghị ma trận chưa giao")
                )
            )
                .GetProperty("id")
                .GetInt32();

            var target = await CreateAccountAsync(Role.Viewer, Tree.V1);
            await ApiClientAsync(target);
            Account = target.Id;
        }
    }

    /// <summary>The table of docs/SECURITY.md, written out: what each role at C1 sees of a petition of its village
    /// assigned to the handler's organization.</summary>
    private static readonly Dictionary<string, Role[]> PetitionFields = new()
    {
        // The personnel officer keeps cadre records, not petitions.
        ["register"] = [.. Roles.Where(r => r != Role.PersonnelOfficer)],
        ["case"] = [Role.SystemAdministrator, Role.Leader, Role.Officer, Role.AgencyHandler],
        ["petitioner"] = [Role.SystemAdministrator, Role.Leader, Role.Officer, Role.AgencyHandler],
        ["reveal"] = [Role.SystemAdministrator, Role.Officer, Role.AgencyHandler],
        ["code"] = [Role.SystemAdministrator, Role.Leader, Role.Officer],
        ["documents"] = [Role.SystemAdministrator, Role.Leader, Role.Officer, Role.AgencyHandler],
        ["unassigned"] = [Role.SystemAdministrator, Role.UnitAdministrator, Role.Leader, Role.Officer, Role.Viewer],
        ["attendance"] = [Role.SystemAdministrator, Role.Leader, Role.Officer],
        ["account"] = [Role.SystemAdministrator, Role.UnitAdministrator, Role.Leader],
        ["tokens"] = [Role.SystemAdministrator, Role.UnitAdministrator],
    };

    private static bool Has(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null;

    [Fact]
    public async Task Each_role_sees_exactly_the_fields_of_a_petition_its_work_needs_on_the_page_and_in_the_API()
    {
        var mismatches = new List<string>();
        void Expect(string field, Role role, string where, bool actual)
        {
            var expected = PetitionFields[field].Contains(role);
            if (expected != actual)
            {
                mismatches.Add(
                    $"{field} as {role} ({where}): expected {(expected ? "shown" : "hidden")}, was {(actual ? "shown" : "hidden")}"
                );
            }
        }

        foreach (var role in Roles)
        {
            var api = f.Api[role];
            var response = await api.GetAsync($"/api/v1/petitions/{f.Assigned}");
            Expect("register", role, "API", response.StatusCode == HttpStatusCode.OK);
            var (pageResponse, page) = await f.Pages[role].GetPageAsync($"/petitions/{f.Assigned}");
            Expect("register", role, "page", pageResponse.StatusCode == HttpStatusCode.OK);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                var text = json.GetRawText();
                Expect("case", role, "API content", Has(json, "content"));
                Expect("case", role, "API answer", Has(json, "answer"));
                Expect(
                    "case",
                    role,
                    "API step notes",
                    json.GetProperty("events").EnumerateArray().Any(e => Has(e, "note"))
                );
                Expect(
                    "case",
                    role,
                    "API step names",
                    json.GetProperty("events").EnumerateArray().Any(e => Has(e, "actorName"))
                );
                Expect("petitioner", role, "API", Has(json, "petitioner"));
                Expect(
                    "code",
                    role,
                    "API",
                    Has(json, "trackingCode") || text.Contains(f.AssignedCode, StringComparison.Ordinal)
                );
                Assert.DoesNotContain("Lê Văn Dân", text, StringComparison.Ordinal);
            }

            if (pageResponse.StatusCode == HttpStatusCode.OK)
            {
                var main = page.QuerySelector("main")!.TextContent;
                Expect("case", role, "page content", main.Contains("Đề nghị nạo vét rãnh", StringComparison.Ordinal));
                Expect("case", role, "page answer", main.Contains("Trả lời ma trận trường.", StringComparison.Ordinal));
                Expect("petitioner", role, "page", main.Contains("L••• V••• D•••", StringComparison.Ordinal));
                Expect("code", role, "page", main.Contains(f.AssignedCode, StringComparison.Ordinal));
                Expect("reveal", role, "page", page.QuerySelector("input[name=_handler][value=reveal]") is not null);
                Expect(
                    "documents",
                    role,
                    "page",
                    page.QuerySelector($"main a[href^='/petitions/{f.Assigned}/documents/']") is not null
                );
                Assert.DoesNotContain("Lê Văn Dân", main, StringComparison.Ordinal);
            }

            var document = await f.WithDbAsync(db =>
                db.CaseDocuments.Where(d => d.PetitionId == f.Assigned).Select(d => d.Id).SingleAsync()
            );
            Expect(
                "documents",
                role,
                "API",
                (await api.GetAsync($"/api/v1/petitions/{f.Assigned}/documents/{document}")).StatusCode
                    == HttpStatusCode.OK
            );
            Expect(
                "documents",
                role,
                "page download",
                (await f.Pages[role].GetAsync($"/petitions/{f.Assigned}/documents/{document}")).StatusCode
                    == HttpStatusCode.OK
            );
            Expect(
                "reveal",
                role,
                "API",
                (await api.PostAsync($"/api/v1/petitions/{f.Assigned}/personal-data", null)).StatusCode
                    == HttpStatusCode.OK
            );
            Expect(
                "unassigned",
                role,
                "API",
                (await api.GetAsync($"/api/v1/petitions/{f.Received}")).StatusCode == HttpStatusCode.OK
            );
            Expect(
                "unassigned",
                role,
                "page",
                (await f.Pages[role].GetAsync($"/petitions/{f.Received}")).StatusCode == HttpStatusCode.OK
            );

            // The register's list says the same: the code only to those who may see it.
            var list = await api.GetAsync("/api/v1/petitions?q=ma%20tran%20truong&limit=50");
            if (list.IsSuccessStatusCode)
            {
                var items = JsonDocument
                    .Parse(await list.Content.ReadAsStringAsync())
                    .RootElement.GetProperty("items")
                    .EnumerateArray()
                    .ToList();
                Expect("register", role, "API list", items.Any(i => i.GetProperty("id").GetInt32() == f.Assigned));
                Expect("code", role, "API list", items.Any(i => Has(i, "trackingCode")));
            }
            else
            {
                Expect("register", role, "API list", false);
            }

            var (_, listPage) = await f.Pages[role].GetPageAsync("/petitions?q=ma%20tran%20truong");
            Expect(
                "code",
                role,
                "page list",
                listPage.QuerySelector("main")?.TextContent.Contains(f.AssignedCode, StringComparison.Ordinal) == true
            );
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task A_dialogues_attendance_list_reaches_only_who_edits_the_session_on_the_page_and_in_the_API()
    {
        var mismatches = new List<string>();
        foreach (var role in Roles)
        {
            var expected = PetitionFields["attendance"].Contains(role);
            var json = JsonDocument
                .Parse(
                    await (await f.Api[role].GetAsync($"/api/v1/dialogues/{f.Dialogue}")).Content.ReadAsStringAsync()
                )
                .RootElement;
            var (_, page) = await f.Pages[role].GetPageAsync($"/dialogues/{f.Dialogue}");
            var inApi = Has(json, "attendanceList");
            var onPage = page.QuerySelector("main")!
                .TextContent.Contains("Nguyễn Thị Dự Họp", StringComparison.Ordinal);
            if (inApi != expected || onPage != expected)
            {
                mismatches.Add(
                    $"attendance as {role}: expected {(expected ? "shown" : "hidden")}, API {(inApi ? "shown" : "hidden")}, page {(onPage ? "shown" : "hidden")}"
                );
            }

            // The session's petitions carry their code only for those who may see codes.
            var petitions = json.GetProperty("petitions").EnumerateArray().ToList();
            var codes = petitions.Any(p => Has(p, "trackingCode"));
            if (codes != PetitionFields["code"].Contains(role) && petitions.Count > 0)
            {
                mismatches.Add($"session's petition codes as {role}: {(codes ? "shown" : "hidden")}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task An_accounts_roles_reach_its_readers_and_its_tokens_only_who_manages_it()
    {
        var mismatches = new List<string>();
        foreach (var role in Roles)
        {
            var response = await f.Api[role].GetAsync($"/api/v1/accounts/{f.Account}");
            var (pageResponse, page) = await f.Pages[role].GetPageAsync($"/accounts/{f.Account}");
            var seesAccount = response.StatusCode == HttpStatusCode.OK;
            if (
                seesAccount != PetitionFields["account"].Contains(role)
                || (pageResponse.StatusCode == HttpStatusCode.OK) != seesAccount
            )
            {
                mismatches.Add(
                    $"account as {role}: API {(int)response.StatusCode}, page {(int)pageResponse.StatusCode}"
                );
                continue;
            }

            if (!seesAccount)
            {
                continue;
            }

            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.NotEmpty(json.GetProperty("assignments").EnumerateArray());
            var tokensInApi = Has(json, "tokens");
            var prefix = await f.WithDbAsync(db =>
                db.ApiTokens.Where(t => t.AccountId == f.Account).Select(t => t.Prefix).SingleAsync()
            );
            var tokensOnPage = page.QuerySelector("main")!.TextContent.Contains(prefix, StringComparison.Ordinal);
            var expected = PetitionFields["tokens"].Contains(role);
            if (tokensInApi != expected || tokensOnPage != expected)
            {
                mismatches.Add(
                    $"tokens as {role}: expected {(expected ? "shown" : "hidden")}, API {(tokensInApi ? "shown" : "hidden")}, page {(tokensOnPage ? "shown" : "hidden")}"
                );
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
