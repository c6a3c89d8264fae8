using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Tests.Models;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Personnel;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Programs;
using DanVan.Web.Features.Reports;
using DanVan.Web.Features.Statistics;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Security;

/// <summary>
/// QUALITY.md R2, enumerated like the authorization matrix: every entity type of the model that is edited after it is
/// made carries a version that is a concurrency token, and every API call that edits a record (each PUT and PATCH of
/// the endpoint data source, and each POST whose body carries the version the caller saw) answers a save from a stale
/// version with 409, the current values and version in the problem's <c>current</c>, and writes nothing. A new entity
/// or endpoint without an entry here fails the test with its name.
/// </summary>
public sealed class ConcurrencyEnumerationTests(ConcurrencyEnumerationTests.Fixture f)
    : IClassFixture<ConcurrencyEnumerationTests.Fixture>
{
    public sealed class Fixture : DanVanApp
    {
        private readonly Dictionary<(Role, int), HttpClient> clients = [];

        /// <summary>An API client of an account holding the role at the unit (one per role and unit).</summary>
        public async Task<HttpClient> ApiAsync(Role role, Unit unit)
        {
            if (!clients.TryGetValue((role, unit.Id), out var client))
            {
                clients[(role, unit.Id)] = client = await ApiClientAsync(await CreateAccountAsync(role, unit));
            }

            return client;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. The model: which entity types have a version, and why the others do not need one.
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Entity types without a version of their own, each with the reason no two people can save it from the same
    /// version. Anything not here and not <see cref="IVersioned"/> fails the test.
    /// </summary>
    private static readonly Dictionary<string, string> Unversioned = new()
    {
        // Identity's own rows: the account itself is guarded by Identity's ConcurrencyStamp (a concurrency token,
        // checked by PUT /api/v1/accounts/{id} below); claims, logins and tokens are written by Identity alone.
        ["Account"] = "Identity's ConcurrencyStamp is its concurrency token (checked by the API below)",
        ["IdentityUserClaim<int>"] = "not used by the app; written by Identity alone",
        ["IdentityUserLogin<int>"] = "not used by the app; written by Identity alone",
        ["IdentityUserToken<int>"] = "the authenticator key and recovery codes, written by Identity for their owner",
        ["DataProtectionKey"] = "key ring, written once by the data-protection system",
        // Append-only history: inserted once, never edited.
        ["AuditEntry"] = "append-only audit trail",
        ["ModelEvent"] = "append-only history of a model's steps",
        ["PetitionEvent"] = "append-only history of a petition's steps",
        ["ReportEvent"] = "append-only history of a report's steps",
        ["ProgramEvent"] = "append-only history of a program's steps",
        ["ProgramItemProgress"] = "append-only progress notes (the item's version guards the step that adds one)",
        ["ProgramVersion"] = "an approved edition frozen once, never edited",
        ["FigureRevision"] = "append-only history of a campaign figure (ADR-0022)",
        ["ResponsibilityVisit"] = "a visit report, recorded once",
        ["ModelEvaluation"] = "an evaluation, recorded once with its scores",
        ["EvaluationScore"] = "a score of an evaluation, recorded once with it",
        ["Rubric"] = "a published rubric version never changes; a change is a new version",
        ["RubricCriterion"] = "a criterion of a published rubric version, never changed",
        ["Notification"] = "a notice, written once; only its owner marks it read (idempotent)",
        ["ProgramAlert"] = "an alert sent once per program and kind",
        // Derived rows (IDerivedRow): kept by increments and rebuilt by a recompute, never edited by a person.
        ["CampaignTotal"] = "derived summary row",
        ["CampaignSeries"] = "derived summary row",
        ["StatisticCount"] = "derived summary row",
        ["UnitHolding"] = "derived from the responsibilities in force",
        ["ReportFigure"] = "a figure frozen from the statistics when the report is submitted",
        // Children edited only through their parent's save, which checks and moves the parent's version.
        ["ModelReviewItem"] = "saved only with its review (PUT /api/v1/model-reviews/{id}), whose version moves",
        ["ReportSection"] = "saved only with its report (PUT /api/v1/reports/{id}); the test's marker is a section",
        ["ProgramBasis"] = "saved only with its program (PUT /api/v1/programs/{id}); the test's marker is a basis",
        ["CampaignParticipant"] = "saved only with its campaign (PUT /api/v1/campaigns/{id}), whose version moves",
        ["CampaignModel"] = "saved only with its campaign (PUT /api/v1/campaigns/{id}), whose version moves",
        ["ConferenceUnit"] = "saved only with its conference (PUT /api/v1/conferences/{id}), whose version moves",
        ["ConferenceModel"] = "saved only with its conference (PUT /api/v1/conferences/{id}), whose version moves",
        // Added and removed, never edited in place.
        ["Assignment"] = "a role assignment is added or removed, never edited",
        ["CalendarDay"] = "a holiday or working day is added or removed, never edited",
        ["CampaignPeriodLock"] = "a lock is added or removed (unique per campaign and period), never edited",
        ["CaseDocument"] = "an attachment is added or removed, never edited",
        ["CaseDocumentContent"] = "an attachment's bytes, written once with it",
        ["ApiToken"] = "made once; revoking sets its end, which a second revocation leaves as it is",
        // Machinery, not records people edit.
        ["StagedUpload"] = "an upload held between preview and import, owned by one request",
        ["ExportJob"] = "a background export's state, claimed by a conditional update of one worker",
        ["ExportJobChunk"] = "a background export's bytes, appended by its one worker",
        ["ProcessedRequest"] = "an idempotency mark, inserted once (unique key)",
        ["IdempotentRequest"] = "an idempotency key, inserted once (unique key), its answer written by its request",
        ["JobLease"] = "a job lease, taken by a conditional update",
    };

    private static string NameOf(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(a => a == typeof(int) ? "int" : a.Name))}>"
            : type.Name;

    [Fact]
    public async Task Every_entity_edited_after_it_is_made_has_a_version_that_is_a_concurrency_token()
    {
        var model = await f.WithDbAsync(db => Task.FromResult(db.Model));
        var types = model.GetEntityTypes().Where(t => !t.IsOwned()).ToList();
        Assert.True(types.Count >= 60, $"only {types.Count} entity types");
        var problems = new List<string>();
        foreach (var type in types)
        {
            var name = NameOf(type.ClrType);
            var version = type.FindProperty(nameof(IVersioned.Version));
            if (typeof(IVersioned).IsAssignableFrom(type.ClrType))
            {
                if (version is not { IsConcurrencyToken: true } || version.ClrType != typeof(int))
                {
                    problems.Add($"{name}: IVersioned, but its Version is not an int concurrency token");
                }
                else if (version.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)
                {
                    problems.Add($"{name}: its Version is generated by the database, not moved by the save");
                }

                if (Unversioned.ContainsKey(name))
                {
                    problems.Add($"{name}: versioned, but still listed as unversioned");
                }
            }
            else if (!Unversioned.ContainsKey(name))
            {
                problems.Add($"{name}: no version, and no reason in the list of unversioned entities");
            }
        }

        // Identity's ConcurrencyStamp is what guards the account.
        Assert.True(
            model.FindEntityType(typeof(Account))!.FindProperty("ConcurrencyStamp")!.IsConcurrencyToken,
            "Account.ConcurrencyStamp is not a concurrency token"
        );

        // The list holds only entity types of the model.
        var names = types.Select(t => NameOf(t.ClrType)).ToHashSet();
        problems.AddRange(
            Unversioned.Keys.Where(k => !names.Contains(k)).Select(k => $"{k}: listed, not in the model")
        );

        // Every record an API edit below changes is versioned (or guarded by Identity's stamp).
        foreach (var (route, edit) in Edits)
        {
            if (!typeof(IVersioned).IsAssignableFrom(edit.Entity) && edit.Entity != typeof(Account))
            {
                problems.Add($"{route}: edits {edit.Entity.Name}, which has no version");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. The API: every edit of a record, one save from the current version, then one from the old version.
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>What the database holds of the record: its version (or Identity's stamp) and the edited value.</summary>
    private sealed record Snapshot(object Version, string? Text);

    /// <summary>
    /// One record to edit: how to read it from the database, the first save (from the version read) and the stale
    /// save (the route under test, from the same old version). <see cref="MarkerStored"/>: the saves write the marker
    /// text they are given (or what <see cref="Shown"/> makes of it, for a number) into the value the snapshot reads,
    /// so the first save's marker must be there afterwards and in the conflict's current values.
    /// </summary>
    private sealed record Case(
        Func<DanVanDbContext, Task<Snapshot>> Stored,
        Func<Snapshot, string, HttpRequestMessage> First,
        Func<Snapshot, string, HttpRequestMessage> Stale,
        bool MarkerStored = true,
        HttpClient? StaleBy = null,
        Func<string, string>? Shown = null
    );

    private sealed record Edit(Type Entity, Role Role, Func<TestTree, Unit> At, Func<Ctx, Task<Case>> Arrange);

    private sealed class Ctx(Fixture app, HttpClient api, int serial)
    {
        public Fixture App { get; } = app;
        public HttpClient Api { get; } = api;
        public TestTree T => App.Tree;
        public int Serial { get; } = serial;
    }

    /// <summary>
    /// POSTs whose body record carries a version because the same record serves the create and the edit (the form is
    /// shared): they make a new record, so there is no version to be stale. Each with the edit that covers it.
    /// </summary>
    private static readonly Dictionary<string, string> Creates = new()
    {
        ["POST /api/v1/organizations"] = "creates; edited by PUT /api/v1/organizations/{id:int}",
        ["POST /api/v1/units"] = "creates; edited by PUT /api/v1/units/{id:int}",
        ["POST /api/v1/dialogues"] = "creates; edited by PUT /api/v1/dialogues/{id:int}",
        ["POST /api/v1/campaigns"] = "creates; edited by PUT /api/v1/campaigns/{id:int}",
        ["POST /api/v1/campaigns/{id:int}/indicators"] = "creates; edited by PUT …/indicators/{indicatorId:int}",
        ["POST /api/v1/models"] = "creates; edited by PUT /api/v1/models/{id:int}",
        ["POST /api/v1/models/{id:int}/replications"] = "creates; edited by PUT /api/v1/replications/{id:int}",
        ["POST /api/v1/model-reviews"] = "creates; edited by PUT /api/v1/model-reviews/{id:int}",
        ["POST /api/v1/petitions/categories"] = "creates; edited by PUT /api/v1/petitions/categories/{id:int}",
        ["POST /api/v1/programs"] = "creates; edited by PUT /api/v1/programs/{id:int}",
        ["POST /api/v1/programs/{id:int}/items"] =
            "creates; edited by PUT /api/v1/programs/{id:int}/items/{itemId:int}",
        ["POST /api/v1/conferences"] = "creates; edited by PUT /api/v1/conferences/{id:int}",
        ["POST /api/v1/conferences/{id:int}/commitments"] = "creates; edited by PUT …/commitments/{commitmentId:int}",
        ["POST /api/v1/cadres"] = "creates; edited by PUT /api/v1/cadres/{id:int}",
        ["POST /api/v1/cadres/{id:int}/positions"] = "creates; edited by PUT …/positions/{positionId:int}",
        ["POST /api/v1/responsibilities"] = "creates; edited by PUT /api/v1/responsibilities/{id:int}",
        ["POST /api/v1/training"] = "creates; edited by PUT /api/v1/training/{id:int}",
    };

    /// <summary>Every API route that edits a record, as "METHOD pattern", found in the app's endpoint data
    /// source.</summary>
    private List<string> ApiEdits() =>
        [
            .. f
                .Services.GetRequiredService<EndpointDataSource>()
                .Endpoints.OfType<RouteEndpoint>()
                .Where(e =>
                    ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal)
                )
                .SelectMany(e =>
                    (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                        .Where(m =>
                            m is "PUT" or "PATCH"
                            || (
                                m == "POST"
                                && e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } body
                                && CarriesVersion(body, 2)
                            )
                        )
                        .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/')}")
                )
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];

    /// <summary>A body record with a version the caller saw (itself, or a list of records that have one).</summary>
    private static bool CarriesVersion(Type type, int depth)
    {
        if (
            type.GetProperty(nameof(IVersioned.Version)) is not null
            || type.GetProperty("ConcurrencyStamp") is not null
        )
        {
            return true;
        }

        if (depth == 0)
        {
            return false;
        }

        var nested = type.GetProperties()
            .Select(p => p.PropertyType)
            .SelectMany(t => t.IsGenericType ? t.GetGenericArguments() : [t])
            .Where(t =>
                t.IsClass && t != typeof(string) && t.Namespace?.StartsWith("DanVan", StringComparison.Ordinal) == true
            );
        return nested.Any(t => CarriesVersion(t, depth - 1));
    }

    [Fact]
    public async Task Every_api_edit_answers_a_stale_version_with_409_and_the_current_values_and_writes_nothing()
    {
        var routes = ApiEdits();
        Assert.True(routes.Count >= 30, $"only {routes.Count} API edits found:\n{string.Join("\n", routes)}");
        var missing = routes.Where(r => !Edits.ContainsKey(r) && !Creates.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "API edits without an entry here:\n" + string.Join("\n", missing));
        var gone = Edits.Keys.Concat(Creates.Keys).Where(k => !routes.Contains(k)).ToList();
        Assert.True(gone.Count == 0, "entries for routes the app does not have:\n" + string.Join("\n", gone));

        var problems = new List<string>();
        var serial = 0;
        foreach (var (route, edit) in Edits.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var api = await f.ApiAsync(edit.Role, edit.At(f.Tree));
            try
            {
                problems.AddRange(
                    (await CheckAsync(api, await edit.Arrange(new Ctx(f, api, ++serial)))).Select(p => $"{route}: {p}")
                );
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add($"{route}: {e.GetType().Name} {e.Message}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {Edits.Count} edits:\n" + string.Join("\n", problems));
    }

    private async Task<List<string>> CheckAsync(HttpClient api, Case c)
    {
        var problems = new List<string>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (mine, theirs) = ($"Bản thứ nhất {tag}", $"Bản cũ {tag}");
        var before = await f.WithDbAsync(c.Stored);

        using var first = await api.SendAsync(c.First(before, mine));
        if (!first.IsSuccessStatusCode)
        {
            return [$"the first save answered {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}"];
        }

        var saved = await f.WithDbAsync(c.Stored);
        if (Equals(saved.Version, before.Version))
        {
            problems.Add($"the first save did not move the version ({before.Version})");
        }

        var shown = c.Shown?.Invoke(mine) ?? mine;
        if (c.MarkerStored && saved.Text?.Contains(shown, StringComparison.Ordinal) != true)
        {
            problems.Add($"the first save was not stored ({saved.Text})");
        }

        using var stale = await (c.StaleBy ?? api).SendAsync(c.Stale(before, theirs));
        var body = await stale.Content.ReadAsStringAsync();
        if (stale.StatusCode != HttpStatusCode.Conflict)
        {
            problems.Add(
                $"a save from the old version {before.Version} answered {(int)stale.StatusCode}, not 409: {body}"
            );
        }
        else if (
            !JsonDocument.Parse(body).RootElement.TryGetProperty("current", out var current)
            || current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        )
        {
            problems.Add($"the 409 does not carry the current values: {body}");
        }
        else
        {
            if (!HasVersion(current, saved.Version))
            {
                problems.Add($"the 409's current values do not carry the current version {saved.Version}: {current}");
            }

            if (c.MarkerStored && !HasText(current, shown))
            {
                problems.Add($"the 409's current values do not show the first save's \"{shown}\": {current}");
            }
        }

        var after = await f.WithDbAsync(c.Stored);
        if (after != saved)
        {
            problems.Add($"the stale save wrote: {saved} became {after}");
        }

        return problems;
    }

    private static bool HasVersion(JsonElement json, object version) =>
        json.ValueKind switch
        {
            JsonValueKind.Object => json.EnumerateObject()
                .Any(p =>
                    (
                        p.Name is "version" or "currentVersion" or "concurrencyStamp"
                        && (
                            p.Value.ValueKind == JsonValueKind.Number
                                ? version is int v && p.Value.GetInt32() == v
                                : p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == version as string
                        )
                    ) || HasVersion(p.Value, version)
                ),
            JsonValueKind.Array => json.EnumerateArray().Any(e => HasVersion(e, version)),
            _ => false,
        };

    private static bool HasText(JsonElement json, string text) =>
        json.ValueKind switch
        {
            JsonValueKind.Object => json.EnumerateObject().Any(p => HasText(p.Value, text)),
            JsonValueKind.Array => json.EnumerateArray().Any(e => HasText(e, text)),
            JsonValueKind.String => json.GetString()!.Contains(text, StringComparison.Ordinal),
            JsonValueKind.Number => decimal.TryParse(text, CultureInfo.InvariantCulture, out var n)
                && json.GetDecimal() == n,
            _ => false,
        };

    // ---------------------------------------------------------------------------------------------------------------
    // The table: how to make a record of each edit, and a valid body for it.
    // ---------------------------------------------------------------------------------------------------------------

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static HttpRequestMessage Send(HttpMethod method, string url, object body) =>
        new(method, url) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Put(string url, object body) => Send(HttpMethod.Put, url, body);

    private static HttpRequestMessage Post(string url, object body) => Send(HttpMethod.Post, url, body);

    private static int V(Snapshot s) => (int)s.Version;

    /// <summary>The row's version and one text of it.</summary>
    private static Func<DanVanDbContext, Task<Snapshot>> Row<T>(long id, Func<T, string?> text)
        where T : class, IVersioned =>
        async db =>
        {
            var row = await db.Set<T>().AsNoTracking().SingleAsync(e => EF.Property<long>(e, "Id") == id);
            return new Snapshot(row.Version, text(row));
        };

    private static Func<DanVanDbContext, Task<Snapshot>> RowInt<T>(int id, Func<T, string?> text)
        where T : class, IVersioned =>
        async db =>
        {
            var row = await db.Set<T>().AsNoTracking().SingleAsync(e => EF.Property<int>(e, "Id") == id);
            return new Snapshot(row.Version, text(row));
        };

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> response) =>
        await ApiJson.OkAsync(await response);

    private static int Id(JsonElement json) => json.GetProperty("id").GetInt32();

    /// <summary>The id of a created record, from the answer's location.</summary>
    private static async Task<int> CreatedAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        await ApiJson.OkAsync(response);
        return int.Parse(response.Headers.Location!.ToString().Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static Task<int> OrganizationOfAsync(Ctx c, Unit unit) =>
        c.App.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == unit.Id).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync()
        );

    /// <summary>A recognized, public model of the commune (the source of replications and conference
    /// commitments).</summary>
    private static async Task<int> RecognizedModelAsync(Ctx c, Unit unit)
    {
        var organization = await OrganizationOfAsync(c, unit);
        return await c.App.WithDbAsync(async db =>
        {
            var model = new MobilizationModel
            {
                OrganizationId = organization,
                FieldId = await db.ModelFields.Select(x => x.Id).FirstAsync(),
                Kind = ModelKind.Model,
                Status = ModelStatus.Recognized,
                IsPublic = true,
                RecognitionLevel = RecognitionLevel.Commune,
                RecognizedOn = Today.AddDays(-30),
                Name = $"Mô hình đã công nhận {c.Serial}",
                RegisteredOn = Today.AddDays(-300),
                CreatedAt = DateTime.UtcNow,
            };
            ModelRules.PlaceIn(model, unit);
            model.SearchText = ModelRules.SearchTextOf(model);
            db.Models.Add(model);
            await db.SaveChangesAsync();
            return model.Id;
        });
    }

    private static async Task<(int Campaign, int Indicator)> CampaignAsync(Ctx c)
    {
        var campaign = Id(
            await OkAsync(
                c.Api.PostAsJsonAsync(
                    "/api/v1/campaigns",
                    new
                    {
                        unitId = c.T.C1.Id,
                        name = $"Phong trào {c.Serial}",
                        startsOn = $"{Today.Year}-01-01",
                        endsOn = $"{Today.Year}-12-31",
                        reportingLevel = "Village",
                        participantIds = new[] { c.T.V1.Id },
                    }
                )
            )
        );
        var indicator = Id(
            await OkAsync(
                c.Api.PostAsJsonAsync($"/api/v1/campaigns/{campaign}/indicators", Indicator("Hộ tham gia", 0))
            )
        );
        return (campaign, indicator);
    }

    private static object Indicator(string name, int version) =>
        new
        {
            name,
            measure = "Households",
            aggregation = "Sum",
            direction = "HigherIsBetter",
            frequency = "Monthly",
            decimals = 0,
            version,
        };

    private static async Task<JsonElement> CadreAsync(Ctx c, HttpClient api, Unit unit) =>
        await OkAsync(
            api.PostAsJsonAsync(
                "/api/v1/cadres",
                new
                {
                    unitId = unit.Id,
                    fullName = $"Nguyễn Thị Thử {c.Serial}",
                    birthDate = Iso(Today.AddYears(-40)),
                    sex = "Female",
                }
            )
        );

    private static object Course(Ctx c, string? note, int version) =>
        new
        {
            version,
            unitId = c.T.C1.Id,
            title = $"Lớp bồi dưỡng {c.Serial}",
            kind = "MassMobilization",
            startsOn = Iso(Today.AddDays(-30)),
            endsOn = Iso(Today.AddDays(-28)),
            note,
        };

    private static int programs;

    private static async Task<(int Program, int Item)> ProgramAsync(Ctx c)
    {
        // One program per unit, year and kind: each entry takes the next of the six its unit may have.
        var n = Interlocked.Increment(ref programs) - 1;
        var program = Id(
            await OkAsync(
                c.Api.PostAsJsonAsync(
                    "/api/v1/programs",
                    new
                    {
                        unitId = c.T.C1.Id,
                        year = Today.Year - 1 + n % 3,
                        kind = n < 3 ? "WorkProgram" : "GovernmentPlan",
                        title = $"Chương trình {c.Serial}",
                    }
                )
            )
        );
        var withItem = await OkAsync(
            c.Api.PostAsJsonAsync($"/api/v1/programs/{program}/items", new { task = "Nhiệm vụ" })
        );
        return (program, withItem.GetProperty("items")[0].GetProperty("id").GetInt32());
    }

    private static async Task<(int Conference, int Commitment)> ConferenceAsync(Ctx c)
    {
        var model = await RecognizedModelAsync(c, c.T.C2);
        var conference = Id(
            await OkAsync(
                c.Api.PostAsJsonAsync(
                    "/api/v1/conferences",
                    new
                    {
                        unitId = c.T.P1.Id,
                        type = "Review",
                        title = $"Hội nghị {c.Serial}",
                        heldOn = Iso(Today.AddDays(-1)),
                        participantIds = new[] { c.T.C1.Id, c.T.C2.Id },
                        modelIds = new[] { model },
                    }
                )
            )
        );
        var withCommitment = await OkAsync(
            c.Api.PostAsJsonAsync(
                $"/api/v1/conferences/{conference}/commitments",
                new
                {
                    unitId = c.T.C1.Id,
                    modelId = model,
                    dueOn = Iso(Today.AddDays(60)),
                    note = "Triển khai tại 3 thôn",
                }
            )
        );
        return (conference, withCommitment.GetProperty("commitments")[0].GetProperty("id").GetInt32());
    }

    private static async Task<int> PetitionAsync(Ctx c)
    {
        var category = await c.App.WithDbAsync(db => db.PetitionCategories.Select(x => x.Id).FirstAsync());
        return Id(
            await OkAsync(
                c.Api.PostAsJsonAsync(
                    "/api/v1/petitions",
                    new
                    {
                        unitId = c.T.V1.Id,
                        channel = "Letter",
                        receivedOn = Iso(Today.AddDays(-2)),
                        categoryId = category,
                        title = $"Kiến nghị {c.Serial}",
                        content = "Đường thôn xuống cấp",
                        petitionerKind = "Citizen",
                        petitionerName = "Người Thử",
                    }
                )
            )
        );
    }

    /// <summary>A data subject's request received today at C1, recorded by the case's account.</summary>
    private static async Task<int> PrivacyRequestAsync(Ctx c) => (
            await OkAsync(
                c.Api.PostAsJsonAsync(
                    "/api/v1/privacy-requests",
                    new
                    {
                        unitId = c.T.C1.Id,
                        kind = "Access",
                        subjectName = "Người Yêu Cầu",
                        subjectIdNumber = "001099000111",
                        receivedOn = DateOnly
                            .FromDateTime(DateTime.UtcNow.AddHours(7))
                            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    }
                )
            )
        ).GetProperty("id").GetInt32();

    private static Func<Snapshot, string, HttpRequestMessage> AssignPetition(int id, int organization) =>
        (s, note) =>
            Post(
                $"/api/v1/petitions/{id}/steps",
                new
                {
                    action = "Assign",
                    version = V(s),
                    organizationId = organization,
                    note,
                }
            );

    private static Func<DanVanDbContext, Task<Snapshot>> Result(int modelId, int? replicationId, int indicator) =>
        async db =>
        {
            var row = await db
                .ModelResults.AsNoTracking()
                .SingleAsync(r =>
                    r.ModelId == modelId
                    && r.ReplicationId == replicationId
                    && r.IndicatorId == indicator
                    && r.Year == Today.Year
                );
            return new Snapshot(row.Version, row.Note);
        };

    private static object ResultBody(int indicator, int version, string note) =>
        new
        {
            indicatorId = indicator,
            year = Today.Year,
            actual = note.Length,
            note,
            version,
        };

    private static Task<int> IndicatorOfModelsAsync(Ctx c) =>
        c.App.WithDbAsync(db =>
            db.ResultIndicators.Where(i => i.IsActive && !i.WholeNumbers).Select(i => i.Id).FirstAsync()
        );

    private static async Task<(int Model, int Replication)> ReplicationAsync(Ctx c)
    {
        var source = await RecognizedModelAsync(c, c.T.C3);
        var organization = await OrganizationOfAsync(c, c.T.C1);
        var replication = Id(
            await OkAsync(
                c.Api.PostAsJsonAsync(
                    $"/api/v1/models/{source}/replications",
                    new
                    {
                        unitId = c.T.C1.Id,
                        organizationId = organization,
                        startDate = Iso(Today.AddDays(-10)),
                        adaptations = "Điều chỉnh cho xã",
                    }
                )
            )
        );
        return (source, replication);
    }

    private static readonly Dictionary<string, Edit> Edits = new()
    {
        ["PUT /api/v1/organizations/{id:int}"] = new(
            typeof(Organization),
            Role.UnitAdministrator,
            t => t.C1,
            async c =>
            {
                var id = Id(
                    await OkAsync(
                        c.Api.PostAsJsonAsync(
                            "/api/v1/organizations",
                            new
                            {
                                unitId = c.T.C1.Id,
                                type = "Other",
                                name = $"Tổ hòa giải {c.Serial}",
                            }
                        )
                    )
                );
                HttpRequestMessage Save(Snapshot s, string name) =>
                    Put(
                        $"/api/v1/organizations/{id}",
                        new
                        {
                            type = "Other",
                            name,
                            isActive = true,
                            version = V(s),
                        }
                    );
                return new(RowInt<Organization>(id, o => o.Name), Save, Save);
            }
        ),
        ["PUT /api/v1/units/{id:int}"] = new(
            typeof(Unit),
            Role.UnitAdministrator,
            t => t.C1,
            async c =>
            {
                var code = $"T91001-{40 + c.Serial}";
                var id = Id(
                    await OkAsync(
                        c.Api.PostAsJsonAsync(
                            "/api/v1/units",
                            new
                            {
                                parentId = c.T.C1.Id,
                                code,
                                name = $"Thôn Mới {c.Serial}",
                                kind = "Village",
                            }
                        )
                    )
                );
                HttpRequestMessage Save(Snapshot s, string name) =>
                    Put(
                        $"/api/v1/units/{id}",
                        new
                        {
                            parentId = c.T.C1.Id,
                            code,
                            name,
                            kind = "Village",
                            validFrom = "2025-07-01",
                            version = V(s),
                        }
                    );
                return new(RowInt<Unit>(id, u => u.Name), Save, Save);
            }
        ),
        ["POST /api/v1/units/{id:int}/retire"] = new(
            typeof(Unit),
            Role.UnitAdministrator,
            t => t.C1,
            async c =>
            {
                var code = $"T91001-{40 + c.Serial}";
                var id = Id(
                    await OkAsync(
                        c.Api.PostAsJsonAsync(
                            "/api/v1/units",
                            new
                            {
                                parentId = c.T.C1.Id,
                                code,
                                name = $"Thôn Cũ {c.Serial}",
                                kind = "Village",
                            }
                        )
                    )
                );
                // Someone renames it; a retirement from the version before the rename is refused.
                return new(
                    RowInt<Unit>(id, u => $"{u.Name} {u.ValidTo}"),
                    (s, name) =>
                        Put(
                            $"/api/v1/units/{id}",
                            new
                            {
                                parentId = c.T.C1.Id,
                                code,
                                name,
                                kind = "Village",
                                validFrom = "2025-07-01",
                                version = V(s),
                            }
                        ),
                    (s, _) => Post($"/api/v1/units/{id}/retire", new { validTo = Iso(Today), version = V(s) })
                );
            }
        ),
        ["PUT /api/v1/dialogues/{id:int}"] = new(
            typeof(DialogueSession),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                object Body(int version, string topic) =>
                    new
                    {
                        unitId = c.T.C1.Id,
                        type = "AdHocDialogue",
                        heldOn = Iso(Today.AddDays(-3)),
                        format = "InPerson",
                        place = "Hội trường",
                        topic,
                        chairName = "Chủ trì",
                        version,
                    };
                var id = Id(
                    await OkAsync(c.Api.PostAsJsonAsync("/api/v1/dialogues", Body(0, $"Đối thoại {c.Serial}")))
                );
                HttpRequestMessage Save(Snapshot s, string topic) => Put($"/api/v1/dialogues/{id}", Body(V(s), topic));
                return new(RowInt<DialogueSession>(id, d => d.Topic), Save, Save);
            }
        ),
        ["PUT /api/v1/petitions/categories/{id:int}"] = new(
            typeof(PetitionCategory),
            Role.SystemAdministrator,
            t => t.Root,
            async c =>
            {
                var code = $"TH{c.Serial}";
                object Body(int version, string name) =>
                    new
                    {
                        code,
                        name,
                        nameEn = "Test category",
                        nameDe = "Testkategorie",
                        responseDays = 10,
                        isActive = true,
                        version,
                    };
                var id = Id(
                    await OkAsync(c.Api.PostAsJsonAsync("/api/v1/petitions/categories", Body(0, $"Loại {c.Serial}")))
                );
                HttpRequestMessage Save(Snapshot s, string name) =>
                    Put($"/api/v1/petitions/categories/{id}", Body(V(s), name));
                return new(RowInt<PetitionCategory>(id, x => x.Name), Save, Save);
            }
        ),
        ["POST /api/v1/petitions/{id:int}/steps"] = new(
            typeof(Petition),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var id = await PetitionAsync(c);
                var step = AssignPetition(id, await OrganizationOfAsync(c, c.T.C1));
                return new(RowInt<Petition>(id, p => $"{p.Status}"), step, step, MarkerStored: false);
            }
        ),
        ["POST /api/v1/petitions/{id:int}/personal-data/erase"] = new(
            typeof(Petition),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var id = await PetitionAsync(c);
                // The petition is assigned meanwhile; an erasure from the version before is refused.
                return new(
                    RowInt<Petition>(id, p => $"{p.Status} {p.PetitionerName} {p.ErasedAt}"),
                    AssignPetition(id, await OrganizationOfAsync(c, c.T.C1)),
                    (s, _) => Post($"/api/v1/petitions/{id}/personal-data/erase", new { version = V(s) }),
                    MarkerStored: false
                );
            }
        ),
        ["PUT /api/v1/campaigns/{id:int}"] = new(
            typeof(Campaign),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, _) = await CampaignAsync(c);
                HttpRequestMessage Save(Snapshot s, string name) =>
                    Put(
                        $"/api/v1/campaigns/{id}",
                        new
                        {
                            unitId = c.T.C1.Id,
                            name,
                            startsOn = $"{Today.Year}-01-01",
                            endsOn = $"{Today.Year}-12-31",
                            reportingLevel = "Village",
                            participantIds = new[] { c.T.V1.Id },
                            version = V(s),
                        }
                    );
                return new(RowInt<Campaign>(id, x => x.Name), Save, Save);
            }
        ),
        ["POST /api/v1/campaigns/{id:int}/status"] = new(
            typeof(Campaign),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, _) = await CampaignAsync(c);
                return new(
                    RowInt<Campaign>(id, x => $"{x.Status}"),
                    (s, _) => Post($"/api/v1/campaigns/{id}/status", new { status = "Running", version = V(s) }),
                    (s, _) => Post($"/api/v1/campaigns/{id}/status", new { status = "Running", version = V(s) }),
                    MarkerStored: false
                );
            }
        ),
        ["PUT /api/v1/campaigns/{id:int}/indicators/{indicatorId:int}"] = new(
            typeof(Indicator),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, indicator) = await CampaignAsync(c);
                HttpRequestMessage Save(Snapshot s, string name) =>
                    Put($"/api/v1/campaigns/{id}/indicators/{indicator}", Indicator(name, V(s)));
                return new(RowInt<Indicator>(indicator, x => x.Name), Save, Save);
            }
        ),
        ["PUT /api/v1/campaigns/{id:int}/targets"] = new(
            typeof(IndicatorTarget),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, indicator) = await CampaignAsync(c);
                HttpRequestMessage Save(Snapshot s, string marker) =>
                    Put(
                        $"/api/v1/campaigns/{id}/targets",
                        new
                        {
                            indicatorId = indicator,
                            targets = new[]
                            {
                                new
                                {
                                    unitId = c.T.V1.Id,
                                    value = marker.Length * 10,
                                    version = V(s),
                                },
                            },
                        }
                    );
                await ApiJson.OkAsync(await c.Api.SendAsync(Save(new Snapshot(0, null), "x")));
                return new(
                    async db =>
                    {
                        var row = await db
                            .IndicatorTargets.AsNoTracking()
                            .SingleAsync(x => x.IndicatorId == indicator && x.UnitId == c.T.V1.Id);
                        return new Snapshot(row.Version, row.Value.ToString(CultureInfo.InvariantCulture));
                    },
                    Save,
                    Save,
                    Shown: m => (m.Length * 10).ToString(CultureInfo.InvariantCulture)
                );
            }
        ),
        ["POST /api/v1/campaigns/{id:int}/figures"] = new(
            typeof(CampaignFigure),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, indicator) = await CampaignAsync(c);
                var version = (await OkAsync(c.Api.GetAsync($"/api/v1/campaigns/{id}")))
                    .GetProperty("version")
                    .GetInt32();
                await ApiJson.OkAsync(
                    await c.Api.SendAsync(Post($"/api/v1/campaigns/{id}/status", new { status = "Running", version }))
                );
                var period = Iso(new DateOnly(Today.Year, Today.Month, 1));
                HttpRequestMessage Save(Snapshot s, string note) =>
                    Post(
                        $"/api/v1/campaigns/{id}/figures",
                        new
                        {
                            figures = new[]
                            {
                                new
                                {
                                    unitId = c.T.V1.Id,
                                    indicatorId = indicator,
                                    period,
                                    value = note.Length,
                                    version = V(s),
                                    note,
                                },
                            },
                        }
                    );
                await ApiJson.OkAsync(await c.Api.SendAsync(Save(new Snapshot(0, null), "đầu tiên")));
                return new(
                    async db =>
                    {
                        var row = await db
                            .CampaignFigures.AsNoTracking()
                            .SingleAsync(x =>
                                x.CampaignId == id && x.IndicatorId == indicator && x.UnitId == c.T.V1.Id
                            );
                        return new Snapshot(row.Version, row.Value.ToString("0", CultureInfo.InvariantCulture));
                    },
                    Save,
                    Save,
                    Shown: m => m.Length.ToString(CultureInfo.InvariantCulture)
                );
            }
        ),
        ["PUT /api/v1/models/{id:int}"] = new(
            typeof(MobilizationModel),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var id = Id(await ModelData.RegisterAsync(c.App, c.Api, c.T.C1, $"Mô hình {c.Serial}"));
                var body = await ModelData.CompleteAsync(c.App, c.T.C1, "x");
                HttpRequestMessage Save(Snapshot s, string name) =>
                    Put(
                        $"/api/v1/models/{id}",
                        new Dictionary<string, object?>(body) { ["name"] = name, ["version"] = V(s) }
                    );
                return new(RowInt<MobilizationModel>(id, m => m.Name), Save, Save);
            }
        ),
        ["POST /api/v1/models/{id:int}/steps"] = new(
            typeof(MobilizationModel),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var id = Id(await ModelData.RegisterAsync(c.App, c.Api, c.T.C1, $"Mô hình {c.Serial}"));
                HttpRequestMessage Launch(Snapshot s, string note) =>
                    Post(
                        $"/api/v1/models/{id}/steps",
                        new
                        {
                            action = "Launch",
                            version = V(s),
                            on = Iso(Today),
                            note,
                        }
                    );
                return new(RowInt<MobilizationModel>(id, m => $"{m.Status}"), Launch, Launch, MarkerStored: false);
            }
        ),
        ["PUT /api/v1/models/{id:int}/results"] = new(
            typeof(ModelResult),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var id = Id(await ModelData.RegisterAsync(c.App, c.Api, c.T.C1, $"Mô hình {c.Serial}"));
                var indicator = await IndicatorOfModelsAsync(c);
                HttpRequestMessage Save(Snapshot s, string note) =>
                    Put($"/api/v1/models/{id}/results", ResultBody(indicator, V(s), note));
                await ApiJson.OkAsync(await c.Api.SendAsync(Save(new Snapshot(0, null), "đầu tiên")));
                return new(Result(id, null, indicator), Save, Save);
            }
        ),
        ["PUT /api/v1/replications/{id:int}"] = new(
            typeof(ModelReplication),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (_, id) = await ReplicationAsync(c);
                var organization = await OrganizationOfAsync(c, c.T.C1);
                HttpRequestMessage Save(Snapshot s, string adaptations) =>
                    Put(
                        $"/api/v1/replications/{id}",
                        new
                        {
                            organizationId = organization,
                            startDate = Iso(Today.AddDays(-10)),
                            adaptations,
                            status = "Implementing",
                            version = V(s),
                        }
                    );
                return new(RowInt<ModelReplication>(id, r => r.Adaptations), Save, Save);
            }
        ),
        ["PUT /api/v1/replications/{id:int}/results"] = new(
            typeof(ModelResult),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (model, id) = await ReplicationAsync(c);
                var indicator = await IndicatorOfModelsAsync(c);
                HttpRequestMessage Save(Snapshot s, string note) =>
                    Put($"/api/v1/replications/{id}/results", ResultBody(indicator, V(s), note));
                await ApiJson.OkAsync(await c.Api.SendAsync(Save(new Snapshot(0, null), "đầu tiên")));
                return new(Result(model, id, indicator), Save, Save);
            }
        ),
        ["PUT /api/v1/model-reviews/{id:int}"] = new(
            typeof(ModelReview),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var year = Today.Year - 1 - c.Serial % 5;
                var id = await CreatedAsync(
                    c.Api.PostAsJsonAsync(
                        "/api/v1/model-reviews",
                        new
                        {
                            unitId = c.T.C1.Id,
                            fromYear = year,
                            toYear = year,
                        }
                    )
                );
                HttpRequestMessage Save(Snapshot s, string conclusion) =>
                    Put(
                        $"/api/v1/model-reviews/{id}",
                        new
                        {
                            fromYear = year,
                            toYear = year,
                            conclusion,
                            version = V(s),
                        }
                    );
                return new(RowInt<ModelReview>(id, r => r.Conclusion), Save, Save);
            }
        ),
        ["PUT /api/v1/reports/templates/{unitId:int}/{kind}"] = new(
            typeof(ReportTemplateSetting),
            Role.UnitAdministrator,
            t => t.P1,
            async c =>
            {
                var url = $"/api/v1/reports/templates/{c.T.P1.Id}/Quarter";
                HttpRequestMessage Save(Snapshot s, string title) =>
                    Put(
                        url,
                        new
                        {
                            version = V(s),
                            dueDay = 10,
                            opensOnSchedule = false,
                            regime = "State",
                            sections = new[]
                            {
                                new
                                {
                                    key = (string?)null,
                                    title,
                                    figures = Array.Empty<string>(),
                                },
                            },
                        }
                    );
                await ApiJson.OkAsync(await c.Api.SendAsync(Save(new Snapshot(0, null), "Kết quả")));
                return new(
                    async db =>
                    {
                        var row = await db
                            .ReportTemplateSettings.AsNoTracking()
                            .SingleAsync(x => x.UnitId == c.T.P1.Id && x.Kind == PeriodKind.Quarter);
                        return new Snapshot(row.Version, System.Text.RegularExpressions.Regex.Unescape(row.Sections));
                    },
                    Save,
                    Save
                );
            }
        ),
        ["PUT /api/v1/reports/{id:int}"] = new(
            typeof(UnitReport),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, key, body) = await ReportAsync(c);
                HttpRequestMessage Save(Snapshot s, string text) =>
                    Put(
                        $"/api/v1/reports/{id}",
                        new Dictionary<string, object?>(body)
                        {
                            ["version"] = V(s),
                            ["sections"] = new[] { new { key, text } },
                        }
                    );
                // The narrative alone: the report's own columns do not change, its version must still move.
                return new(
                    async db =>
                    {
                        var version = await db.UnitReports.Where(r => r.Id == id).Select(r => r.Version).SingleAsync();
                        var text = await db
                            .ReportSections.Where(x => x.ReportId == id && x.Key == key)
                            .Select(x => x.Text)
                            .SingleAsync();
                        return new Snapshot(version, text);
                    },
                    Save,
                    Save
                );
            }
        ),
        ["POST /api/v1/reports/{id:int}/steps"] = new(
            typeof(UnitReport),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, _, _) = await ReportAsync(c);
                HttpRequestMessage Submit(Snapshot s, string _) =>
                    Post($"/api/v1/reports/{id}/steps", new { action = "Submit", version = V(s) });
                return new(RowInt<UnitReport>(id, r => $"{r.Status}"), Submit, Submit, MarkerStored: false);
            }
        ),
        ["PUT /api/v1/programs/{id:int}"] = new(
            typeof(WorkProgram),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, _) = await ProgramAsync(c);
                HttpRequestMessage Save(Snapshot s, string title) =>
                    Put(
                        $"/api/v1/programs/{id}",
                        new
                        {
                            version = V(s),
                            title = $"Chương trình {c.Serial}",
                            bases = new[]
                            {
                                new
                                {
                                    number = "01-CT/TU",
                                    issuedOn = Iso(Today.AddDays(-100)),
                                    issuer = "Tỉnh ủy",
                                    title,
                                },
                            },
                        }
                    );
                // A cited document alone: the program's own columns do not change, its version must still move.
                return new(
                    async db =>
                    {
                        var version = await db.WorkPrograms.Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
                        var bases = await db
                            .ProgramBases.Where(b => b.ProgramId == id)
                            .Select(b => b.Title)
                            .ToListAsync();
                        return new Snapshot(version, string.Join(" | ", bases));
                    },
                    Save,
                    Save
                );
            }
        ),
        ["PUT /api/v1/programs/{id:int}/items/{itemId:int}"] = new(
            typeof(ProgramItem),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, item) = await ProgramAsync(c);
                HttpRequestMessage Save(Snapshot s, string task) =>
                    Put($"/api/v1/programs/{id}/items/{item}", new { version = V(s), task });
                return new(RowInt<ProgramItem>(item, i => i.Task), Save, Save);
            }
        ),
        ["POST /api/v1/programs/{id:int}/items/{itemId:int}/progress"] = new(
            typeof(ProgramItem),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, item) = await ProgramAsync(c);
                // Progress is reported once the program is approved.
                await c.App.WithDbAsync(db =>
                    db.WorkPrograms.Where(p => p.Id == id)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.FirstApprovedOn, Today.AddDays(-5)))
                );
                HttpRequestMessage Progress(Snapshot s, string note) =>
                    Post(
                        $"/api/v1/programs/{id}/items/{item}/progress",
                        new
                        {
                            version = V(s),
                            status = "InProgress",
                            on = Iso(Today),
                            note,
                        }
                    );
                return new(
                    async db =>
                    {
                        var version = await db
                            .ProgramItems.Where(i => i.Id == item)
                            .Select(i => i.Version)
                            .SingleAsync();
                        var notes = await db
                            .ProgramItemProgress.Where(p => p.ItemId == item)
                            .Select(p => p.Note)
                            .ToListAsync();
                        return new Snapshot(version, string.Join(" | ", notes));
                    },
                    Progress,
                    Progress,
                    MarkerStored: false // the program's read shows the item's status and version, not its notes
                );
            }
        ),
        ["POST /api/v1/programs/{id:int}/steps"] = new(
            typeof(WorkProgram),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var (id, _) = await ProgramAsync(c);
                HttpRequestMessage Submit(Snapshot s, string _) =>
                    Post($"/api/v1/programs/{id}/steps", new { action = "Submit", version = V(s) });
                return new(RowInt<WorkProgram>(id, p => $"{p.Status}"), Submit, Submit, MarkerStored: false);
            }
        ),
        ["PUT /api/v1/conferences/{id:int}"] = new(
            typeof(ThematicConference),
            Role.Officer,
            t => t.P1,
            async c =>
            {
                var (id, _) = await ConferenceAsync(c);
                HttpRequestMessage Save(Snapshot s, string title) =>
                    Put(
                        $"/api/v1/conferences/{id}",
                        new
                        {
                            version = V(s),
                            type = "Review",
                            title,
                            heldOn = Iso(Today.AddDays(-1)),
                            participantIds = new[] { c.T.C1.Id, c.T.C2.Id },
                        }
                    );
                return new(RowInt<ThematicConference>(id, x => x.Title), Save, Save);
            }
        ),
        ["PUT /api/v1/conferences/{id:int}/commitments/{commitmentId:int}"] = new(
            typeof(ConferenceCommitment),
            Role.Officer,
            t => t.P1,
            async c =>
            {
                var (id, commitment) = await ConferenceAsync(c);
                var model = await c.App.WithDbAsync(db =>
                    db.ConferenceCommitments.Where(x => x.Id == commitment).Select(x => x.ModelId).SingleAsync()
                );
                HttpRequestMessage Save(Snapshot s, string note) =>
                    Put(
                        $"/api/v1/conferences/{id}/commitments/{commitment}",
                        new
                        {
                            version = V(s),
                            modelId = model,
                            dueOn = Iso(Today.AddDays(60)),
                            status = "Pending",
                            note,
                        }
                    );
                return new(RowInt<ConferenceCommitment>(commitment, x => x.Note), Save, Save);
            }
        ),
        ["POST /api/v1/conferences/{id:int}/commitments/{commitmentId:int}/replicate"] = new(
            typeof(ConferenceCommitment),
            Role.Officer,
            t => t.P1,
            async c =>
            {
                var (id, commitment) = await ConferenceAsync(c);
                var model = await c.App.WithDbAsync(db =>
                    db.ConferenceCommitments.Where(x => x.Id == commitment).Select(x => x.ModelId).SingleAsync()
                );
                var organization = await OrganizationOfAsync(c, c.T.C1);
                var commune = await c.App.ApiAsync(Role.Officer, c.T.C1);
                // The province changes the commitment; the commune's replication from the version before is refused.
                return new(
                    RowInt<ConferenceCommitment>(commitment, x => $"{x.Note} {x.Status} {x.ReplicationId}"),
                    (s, note) =>
                        Put(
                            $"/api/v1/conferences/{id}/commitments/{commitment}",
                            new
                            {
                                version = V(s),
                                modelId = model,
                                dueOn = Iso(Today.AddDays(60)),
                                status = "Pending",
                                note,
                            }
                        ),
                    (s, adaptations) =>
                        Post(
                            $"/api/v1/conferences/{id}/commitments/{commitment}/replicate",
                            new
                            {
                                version = V(s),
                                organizationId = organization,
                                startDate = Iso(Today),
                                adaptations,
                            }
                        ),
                    StaleBy: commune
                );
            }
        ),
        ["PUT /api/v1/cadres/{id:int}"] = new(
            typeof(Cadre),
            Role.PersonnelOfficer,
            t => t.C1,
            async c =>
            {
                var id = Id(await CadreAsync(c, c.Api, c.T.C1));
                HttpRequestMessage Save(Snapshot s, string awards) =>
                    Put(
                        $"/api/v1/cadres/{id}",
                        new
                        {
                            version = V(s),
                            fullName = $"Nguyễn Thị Thử {c.Serial}",
                            birthDate = Iso(Today.AddYears(-40)),
                            sex = "Female",
                            awards,
                        }
                    );
                return new(RowInt<Cadre>(id, x => x.Awards), Save, Save);
            }
        ),
        ["POST /api/v1/cadres/{id:int}/personal-data/erase"] = new(
            typeof(Cadre),
            Role.PersonnelOfficer,
            t => t.C1,
            async c =>
            {
                var id = Id(await CadreAsync(c, c.Api, c.T.C1));
                // Someone edits the record; an erasure from the version before is refused.
                return new(
                    RowInt<Cadre>(id, x => $"{x.Awards} {x.FullName} {x.ErasedAt}"),
                    (s, awards) =>
                        Put(
                            $"/api/v1/cadres/{id}",
                            new
                            {
                                version = V(s),
                                fullName = $"Nguyễn Thị Thử {c.Serial}",
                                birthDate = Iso(Today.AddYears(-40)),
                                sex = "Female",
                                awards,
                            }
                        ),
                    (s, _) => Post($"/api/v1/cadres/{id}/personal-data/erase", new { version = V(s) })
                );
            }
        ),
        ["PUT /api/v1/cadres/{id:int}/positions/{positionId:int}"] = new(
            typeof(CadrePosition),
            Role.PersonnelOfficer,
            t => t.C1,
            async c =>
            {
                var id = Id(await CadreAsync(c, c.Api, c.T.C1));
                var organization = await OrganizationOfAsync(c, c.T.C1);
                object Body(int version, string decisionNumber) =>
                    new
                    {
                        version,
                        organizationId = organization,
                        post = "Specialist",
                        fullTime = false,
                        startOn = Iso(Today.AddYears(-1)),
                        decisionNumber,
                    };
                var position = (await OkAsync(c.Api.PostAsJsonAsync($"/api/v1/cadres/{id}/positions", Body(0, "1-QĐ"))))
                    .GetProperty("positions")[0]
                    .GetProperty("id")
                    .GetInt32();
                HttpRequestMessage Save(Snapshot s, string number) =>
                    Put($"/api/v1/cadres/{id}/positions/{position}", Body(V(s), number));
                return new(RowInt<CadrePosition>(position, p => p.DecisionNumber), Save, Save);
            }
        ),
        ["PUT /api/v1/staffing/{unitId:int}/{year:int}"] = new(
            typeof(StaffingQuota),
            Role.PersonnelOfficer,
            t => t.P1,
            async c =>
            {
                var url = $"/api/v1/staffing/{c.T.C1.Id}/2027";
                HttpRequestMessage Save(Snapshot s, string note) =>
                    Put(
                        url,
                        new
                        {
                            version = V(s),
                            quota = 3,
                            minTheoryShare = 50,
                            note,
                        }
                    );
                await ApiJson.OkAsync(await c.Api.SendAsync(Save(new Snapshot(0, null), "đầu tiên")));
                return new(
                    async db =>
                    {
                        var row = await db
                            .StaffingQuotas.AsNoTracking()
                            .SingleAsync(q => q.UnitId == c.T.C1.Id && q.Year == 2027 && q.OrganizationId == null);
                        return new Snapshot(row.Version, row.Note);
                    },
                    Save,
                    Save
                );
            }
        ),
        ["PUT /api/v1/responsibilities/{id:int}"] = new(
            typeof(Responsibility),
            Role.PersonnelOfficer,
            t => t.P1,
            async c =>
            {
                var cadre = Id(await CadreAsync(c, c.Api, c.T.P1));
                var from = Iso(Today.AddDays(-10));
                var id = await CreatedAsync(
                    c.Api.PostAsJsonAsync(
                        "/api/v1/responsibilities",
                        new
                        {
                            unitId = c.T.C1.Id,
                            holderCadreId = cadre,
                            fromOn = from,
                        }
                    )
                );
                HttpRequestMessage Save(Snapshot s, string note) =>
                    Put(
                        $"/api/v1/responsibilities/{id}",
                        new
                        {
                            version = V(s),
                            fromOn = from,
                            note,
                        }
                    );
                return new(RowInt<Responsibility>(id, r => r.Note), Save, Save);
            }
        ),
        ["POST /api/v1/privacy-requests/{id:int}/acknowledge"] = new(
            typeof(DanVan.Web.Features.Privacy.DataSubjectRequest),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var id = await PrivacyRequestAsync(c);
                HttpRequestMessage Acknowledge(Snapshot s, string _) =>
                    Post($"/api/v1/privacy-requests/{id}/acknowledge", new { version = V(s) });
                return new(
                    RowInt<DanVan.Web.Features.Privacy.DataSubjectRequest>(id, r => $"{r.Status}"),
                    Acknowledge,
                    Acknowledge,
                    MarkerStored: false
                );
            }
        ),
        ["POST /api/v1/privacy-requests/{id:int}/close"] = new(
            typeof(DanVan.Web.Features.Privacy.DataSubjectRequest),
            Role.Officer,
            t => t.C1,
            async c =>
            {
                var id = await PrivacyRequestAsync(c);
                HttpRequestMessage Close(Snapshot s, string note) =>
                    Post(
                        $"/api/v1/privacy-requests/{id}/close",
                        new
                        {
                            version = V(s),
                            status = "Fulfilled",
                            outcome = note,
                        }
                    );
                return new(RowInt<DanVan.Web.Features.Privacy.DataSubjectRequest>(id, r => r.Outcome), Close, Close);
            }
        ),
        ["PUT /api/v1/training/{id:int}"] = new(
            typeof(TrainingCourse),
            Role.PersonnelOfficer,
            t => t.C1,
            async c =>
            {
                var id = (await OkAsync(c.Api.PostAsJsonAsync("/api/v1/training", Course(c, null, 0))))
                    .GetProperty("course")
                    .GetProperty("id")
                    .GetInt32();
                HttpRequestMessage Save(Snapshot s, string note) =>
                    Put($"/api/v1/training/{id}", Course(c, note, V(s)));
                return new(RowInt<TrainingCourse>(id, x => x.Note), Save, Save);
            }
        ),
        ["PUT /api/v1/training/{id:int}/enrolments/{enrolmentId:int}"] = new(
            typeof(TrainingEnrolment),
            Role.PersonnelOfficer,
            t => t.C1,
            async c =>
            {
                var id = (await OkAsync(c.Api.PostAsJsonAsync("/api/v1/training", Course(c, null, 0))))
                    .GetProperty("course")
                    .GetProperty("id")
                    .GetInt32();
                var cadre = Id(await CadreAsync(c, c.Api, c.T.C1));
                await OkAsync(c.Api.PostAsJsonAsync($"/api/v1/training/{id}/enrolments", new { cadreId = cadre }));
                var enrolment = await c.App.WithDbAsync(db =>
                    db.TrainingEnrolments.Where(e => e.CourseId == id && e.CadreId == cadre)
                        .Select(e => e.Id)
                        .SingleAsync()
                );
                HttpRequestMessage Save(Snapshot s, string certificate) =>
                    Put(
                        $"/api/v1/training/{id}/enrolments/{enrolment}",
                        new
                        {
                            version = V(s),
                            status = "Completed",
                            completedOn = Iso(Today.AddDays(-20)),
                            certificateNumber = certificate,
                        }
                    );
                return new(RowInt<TrainingEnrolment>(enrolment, e => e.CertificateNumber), Save, Save);
            }
        ),
        ["PUT /api/v1/accounts/{id:int}"] = new(
            typeof(Account),
            Role.UnitAdministrator,
            t => t.C1,
            async c =>
            {
                var account = await c.App.CreateAccountAsync(Role.Viewer, c.T.C1);
                HttpRequestMessage Save(Snapshot s, string displayName) =>
                    Put(
                        $"/api/v1/accounts/{account.Id}",
                        new
                        {
                            email = account.Email,
                            displayName,
                            concurrencyStamp = (string)s.Version,
                        }
                    );
                return new(
                    async db =>
                    {
                        var row = await db.Users.AsNoTracking().SingleAsync(a => a.Id == account.Id);
                        return new Snapshot(row.ConcurrencyStamp!, row.DisplayName);
                    },
                    Save,
                    Save
                );
            }
        ),
    };

    private static async Task<(int Id, string Key, Dictionary<string, object?> Body)> ReportAsync(Ctx c)
    {
        var province = await c.App.ApiAsync(Role.Officer, c.T.P1);
        var round = await OkAsync(
            province.PostAsJsonAsync(
                "/api/v1/reports/rounds",
                new
                {
                    unitId = c.T.P1.Id,
                    kind = "Month",
                    year = Today.Year - 1,
                    number = 1 + c.Serial % 12,
                }
            )
        );
        var id = round
            .GetProperty("reports")
            .EnumerateArray()
            .Single(r => r.GetProperty("unitId").GetInt32() == c.T.C1.Id)
            .GetProperty("reportId")
            .GetInt32();
        var report = await OkAsync(c.Api.GetAsync($"/api/v1/reports/{id}"));
        var header = report.GetProperty("header");
        var body = new Dictionary<string, object?>();
        foreach (
            var name in new[]
            {
                "parentBody",
                "issuingBody",
                "abbreviation",
                "place",
                "signerAuthority",
                "signerTitle",
                "signerName",
            }
        )
        {
            body[name] =
                header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }

        return (id, report.GetProperty("sections")[0].GetProperty("key").GetString()!, body);
    }
}
