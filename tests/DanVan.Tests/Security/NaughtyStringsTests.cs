using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Security;

/// <summary>
/// QUALITY.md S2: every string of the Big List of Naughty Strings through every text field of the unit,
/// organization and account forms and APIs: no server error, and whatever is accepted is stored and given
/// back exactly. What is refused is refused with a validation answer (400 / a message on the form).
/// The tests that take the whole list send every string through the handlers in-process and a sample over HTTP.
/// </summary>
public sealed class NaughtyStringsTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static readonly Lazy<IReadOnlyList<string>> Strings = new(() =>
        [
            .. JsonSerializer
                .Deserialize<string[]>(File.ReadAllText(Repository.NodeModule("blns", "resources", "blns.json")))!
                .Where(s => s.Length > 0 && IsWellFormedUtf16(s)),
        ]
    );

    [Fact]
    public async Task The_list_is_the_real_one()
    {
        Assert.True(Strings.Value.Count > 400, $"blns.json has only {Strings.Value.Count} strings");
        Assert.Contains("<script>alert(123)</script>", Strings.Value);
        await Task.CompletedTask;
    }

    /// <summary>
    /// Every string through the handlers the API's endpoints call, in-process as the same accounts with the inputs
    /// the requests carry, read back through the endpoints' own reads; a sample (<see cref="OverHttp"/>) also
    /// through the API itself, so that JSON binding and encoding stay covered. The request pipeline around the
    /// handlers (token, current user, JSON, problem details) is the same for every string; over the whole list it
    /// cost about a minute. Run by <see cref="NaughtyStringsApiTests"/>, kept here with the helpers it shares with the
    /// form tests.
    /// </summary>
    internal async Task EveryStringThroughTheApiAsync()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        var officer = await app.CreateAccountAsync(Role.Officer, app.Tree.C1);
        using var api = await app.ApiClientAsync(admin);
        using var officerApi = await app.ApiClientAsync(officer);
        var resultModel = (await Models.ModelData.RegisterAsync(app, officerApi, app.Tree.C1, "Mô hình chuỗi xấu"))
            .GetProperty("id")
            .GetInt32();
        var indicator = await app.WithDbAsync(db =>
            db.ResultIndicators.Where(i => i.Code == "land-donated").Select(i => i.Id).SingleAsync()
        );
        var stepModel = (
            await Models.ModelData.StepOkAsync(
                officerApi,
                await Models.ModelData.RegisterAsync(app, officerApi, app.Tree.C1, "Mô hình ghi chú xấu"),
                "Launch",
                new { on = Models.ModelData.Today, note = "Cam kết" }
            )
        )
            .GetProperty("id")
            .GetInt32();
        var reviewCreated = await officerApi.PostAsJsonAsync(
            "/api/v1/model-reviews",
            new
            {
                unitId = app.Tree.C1.Id,
                fromYear = 2021,
                toYear = 2025,
            }
        );
        var reviewId = (await ApiJson.ReadAsync(reviewCreated)).GetProperty("review").GetProperty("id").GetInt32();
        using var anonymous = app.CreateClient();
        var (organizationId, fieldId) = await Models.ModelData.ReferencesAsync(app, app.Tree.C1);
        var petitionCategory = await app.WithDbAsync(db => db.PetitionCategories.Select(c => c.Id).FirstAsync());
        var petitionOrganization = await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == app.Tree.C1.Id).Select(o => o.Id).FirstAsync()
        );
        var setup = new ApiSetup(
            admin,
            officer,
            api,
            officerApi,
            anonymous,
            resultModel,
            indicator,
            stepModel,
            reviewId,
            organizationId,
            fieldId,
            petitionCategory,
            petitionOrganization
        );
        var failures = new List<string>();
        var (stored, storedOverHttp, overHttp, index) = (0, 0, 0, 0);
        foreach (var text in Strings.Value)
        {
            index++;
            stored += await ThroughTheApiHandlersAsync(setup, failures, text, index);
            if (OverHttp(index, text))
            {
                overHttp++;
                storedOverHttp += await ThroughTheApiAsync(setup, failures, text, index);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(
            stored > Strings.Value.Count,
            $"Only {stored} values were accepted: the test is not exercising storage."
        );
        Assert.True(
            storedOverHttp > overHttp,
            $"Only {storedOverHttp} values of {overHttp} strings were accepted over HTTP: the sample is not storing."
        );
        Assert.Empty(app.Log.Errors);
    }

    private sealed record ApiSetup(
        TestAccount Admin,
        TestAccount Officer,
        HttpClient Api,
        HttpClient OfficerApi,
        HttpClient Anonymous,
        int ResultModel,
        int Indicator,
        int StepModel,
        int ReviewId,
        int OrganizationId,
        int FieldId,
        int PetitionCategory,
        int PetitionOrganization
    );

    /// <summary>
    /// The strings that go over HTTP as well: every tenth, the script tag, and those that are blank or begin or end
    /// with white space (what binding might trim or drop).
    /// </summary>
    private static bool OverHttp(int index, string text) =>
        index % 10 == 0 || text == "<script>alert(123)</script>" || text.Trim().Length != text.Length;

    /// <summary>One string through the API's text fields, searches and tracking over HTTP; the values stored.</summary>
    private async Task<int> ThroughTheApiAsync(ApiSetup s, List<string> failures, string text, int index)
    {
        var (api, officerApi) = (s.Api, s.OfficerApi);
        var stored = 0;
        stored += await CheckAsync(
            failures,
            text,
            "organization.name",
            api.PostAsJsonAsync(
                "/api/v1/organizations/",
                new
                {
                    unitId = app.Tree.C1.Id,
                    type = "Other",
                    name = text,
                    shortName = text.Length <= 100 ? text : null,
                }
            ),
            json => json.GetProperty("name").GetString() == text
        );
        stored += await CheckAsync(
            failures,
            text,
            "unit.name",
            api.PostAsJsonAsync(
                "/api/v1/units/",
                new
                {
                    parentId = app.Tree.C1.Id,
                    code = $"N{index}",
                    name = text,
                    nameEn = text,
                    kind = "Village",
                }
            ),
            json => json.GetProperty("name").GetString() == text && json.GetProperty("nameEn").GetString() == text
        );
        stored += await CheckAsync(
            failures,
            text,
            "account.displayName",
            api.PostAsJsonAsync(
                "/api/v1/accounts/",
                new
                {
                    homeUnitId = app.Tree.C1.Id,
                    email = $"naughty{index}@test.danvan",
                    displayName = text,
                    role = "Viewer",
                    password = "Một câu mật khẩu đủ dài 2026",
                }
            ),
            json => json.GetProperty("displayName").GetString() == text
        );
        await CheckAsync(
            failures,
            text,
            "unit.search",
            api.GetAsync($"/api/v1/units/?q={Uri.EscapeDataString(text)}"),
            _ => true
        );
        var (organizationId, fieldId) = (s.OrganizationId, s.FieldId);
        string? Fit(int max) => text.Length <= max ? text : null;
        stored += await CheckAsync(
            failures,
            text,
            "model.items",
            officerApi.PostAsJsonAsync(
                "/api/v1/models",
                new
                {
                    unitId = app.Tree.C1.Id,
                    organizationId,
                    fieldId,
                    kind = "IndividualExemplar",
                    name = Fit(300) ?? "x",
                    situation = text,
                    goals = text,
                    content = text,
                    areaAndBeneficiaries = text,
                    forces = text,
                    resources = text,
                    timeline = text,
                    outputs = text,
                    sustainability = text,
                    targetGroup = Fit(300),
                    tags = Fit(500),
                    personName = Fit(200),
                    register = false,
                }
            ),
            json =>
                (Fit(300) is null || json.GetProperty("name").GetString() == text)
                && json.GetProperty("situation").GetString() == text
                && json.GetProperty("sustainability").GetString() == text
                && (Fit(200) is null || json.GetProperty("personName").GetString() == text)
        );
        stored += await CheckAsync(
            failures,
            text,
            "model.result.note",
            officerApi.PutAsJsonAsync(
                $"/api/v1/models/{s.ResultModel}/results",
                new
                {
                    indicatorId = s.Indicator,
                    year = 2026,
                    actual = 1,
                    note = text,
                }
            ),
            json =>
                json.GetProperty("results")[0].GetProperty("note").GetString()
                == (string.IsNullOrWhiteSpace(text) ? null : text)
        ); // blank = no note
        await CheckAsync(
            failures,
            text,
            "model.search",
            officerApi.GetAsync($"/api/v1/models?q={Uri.EscapeDataString(text)}"),
            _ => true
        );
        var suspendable = await ApiJson.ReadAsync(await officerApi.GetAsync($"/api/v1/models/{s.StepModel}"));
        var suspended = await CheckAsync(
            failures,
            text,
            "model.step.note",
            Models.ModelData.StepAsync(officerApi, suspendable, "Suspend", new { note = text }),
            json => json.GetProperty("statusNote").GetString() == text
        );
        if (suspended == 1)
        {
            await Models.ModelData.StepOkAsync(
                officerApi,
                await ApiJson.ReadAsync(await officerApi.GetAsync($"/api/v1/models/{s.StepModel}")),
                "Resume"
            );
        }

        stored += suspended;
        var review = await ApiJson.ReadAsync(await officerApi.GetAsync($"/api/v1/model-reviews/{s.ReviewId}"));
        stored += await CheckAsync(
            failures,
            text,
            "review.conclusion",
            officerApi.PutAsJsonAsync(
                $"/api/v1/model-reviews/{s.ReviewId}",
                new { conclusion = text, version = review.GetProperty("review").GetProperty("version").GetInt32() }
            ),
            json =>
                json.GetProperty("review").GetProperty("conclusion").GetString()
                == (string.IsNullOrWhiteSpace(text) ? null : text)
        );
        stored += await CheckAsync(
            failures,
            text,
            "dialogue.text",
            officerApi.PostAsJsonAsync(
                "/api/v1/dialogues",
                new
                {
                    unitId = app.Tree.C1.Id,
                    type = "AdHocDialogue",
                    heldOn = "2026-06-01",
                    format = "InPerson",
                    place = Fit(300) ?? "x",
                    topic = Fit(500) ?? "x",
                    chairName = Fit(200) ?? "x",
                    coChairs = Fit(2000),
                    minutes = text,
                    conclusions = text,
                    attendanceList = text,
                }
            ),
            json =>
                json.GetProperty("minutes").GetString() == text
                && json.GetProperty("conclusions").GetString() == text
                && (Fit(500) is null || json.GetProperty("topic").GetString() == text)
                && (Fit(200) is null || json.GetProperty("chairName").GetString() == text)
        );
        var recorded = await officerApi.PostAsJsonAsync(
            "/api/v1/petitions",
            new
            {
                unitId = app.Tree.V1.Id,
                channel = "Letter",
                receivedOn = "2026-06-01",
                categoryId = s.PetitionCategory,
                title = Fit(300) ?? "x",
                content = text,
                petitionerKind = "Citizen",
                petitionerName = Fit(200),
                petitionerAddress = Fit(300),
            }
        );
        var petitionStored = await CheckAsync(failures, text, "petition.text", Task.FromResult(recorded), json =>
            json.GetProperty("content").GetString() == text
            && (Fit(300) is null || json.GetProperty("title").GetString() == text)
        );
        stored += petitionStored;
        // The reveal and a step's note take a fifth of the list (each string still goes through the create above).
        if (petitionStored == 1 && index % 5 == 0)
        {
            var petition = await ApiJson.ReadAsync(
                await officerApi.GetAsync(
                    $"/api/v1/petitions/{(await ApiJson.ReadAsync(recorded)).GetProperty("id").GetInt32()}"
                )
            );
            var clear = await ApiJson.ReadAsync(
                await officerApi.PostAsync(
                    $"/api/v1/petitions/{petition.GetProperty("id").GetInt32()}/personal-data",
                    null
                )
            );
            if (
                Fit(200) is not null
                && !string.IsNullOrWhiteSpace(text)
                && clear.GetProperty("name").GetString() != text
            )
            {
                failures.Add($"petition.petitionerName {Show(text)}: not stored exactly");
            }

            stored += await CheckAsync(
                failures,
                text,
                "petition.step.note",
                officerApi.PostAsJsonAsync(
                    $"/api/v1/petitions/{petition.GetProperty("id").GetInt32()}/steps",
                    new
                    {
                        action = "Assign",
                        version = petition.GetProperty("version").GetInt32(),
                        organizationId = s.PetitionOrganization,
                        note = text,
                    }
                ),
                json =>
                    json.GetProperty("events").EnumerateArray().Last().GetProperty("note").GetString()
                    == (string.IsNullOrWhiteSpace(text) ? null : text)
            );
        }

        await CheckAsync(
            failures,
            text,
            "petition.search",
            officerApi.GetAsync($"/api/v1/petitions?q={Uri.EscapeDataString(text)}"),
            _ => true
        );
        await CheckAsync(
            failures,
            text,
            "dialogue.search",
            officerApi.GetAsync($"/api/v1/dialogues?q={Uri.EscapeDataString(text)}"),
            _ => true
        );
        var tracked = await s.Anonymous.PostAsJsonAsync("/api/v1/tracking", new { code = text });
        if (tracked.StatusCode != HttpStatusCode.NotFound)
        {
            failures.Add($"tracking.code {Show(text)}: {(int)tracked.StatusCode}");
        }

        var library = await officerApi.GetAsync($"/library?q={Uri.EscapeDataString(text)}");
        if (library.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"library.search {Show(text)}: {(int)library.StatusCode}");
        }

        return stored;
    }

    /// <summary>
    /// The same string through the same fields and checks as <see cref="ThroughTheApiAsync"/>, in-process: the
    /// handlers its endpoints call, with the inputs its requests bind to, read back through the reads the endpoints
    /// answer with.
    /// </summary>
    private async Task<int> ThroughTheApiHandlersAsync(ApiSetup s, List<string> failures, string text, int index)
    {
        var ct = TestContext.Current.CancellationToken;
        string? Fit(int max) => text.Length <= max ? text : null;
        var noteOrNone = string.IsNullOrWhiteSpace(text) ? null : text; // blank = no note
        async Task<MobilizationModel?> ModelAsync(IServiceProvider h, int id) =>
            (await h.GetRequiredService<GetModel>().HandleAsync(id, ct, full: false))?.Model;
        async Task<PetitionApiDetail?> PetitionAsync(IServiceProvider h, int id) =>
            await h.GetRequiredService<GetPetition>().HandleAsync(id, ct) is { } found
                ? PetitionApiDetail.From(found)
                : null;
        var c1 = app.Tree.C1.Id;
        var stored = 0;
        stored += Count(
            await StoreAsync(
                s.Admin,
                failures,
                text,
                "organization.name",
                h =>
                    h.GetRequiredService<CreateOrganization>()
                        .HandleAsync(
                            new OrganizationInput
                            {
                                UnitId = c1,
                                Type = OrganizationType.Other,
                                Name = text,
                                ShortName = Fit(100),
                            },
                            ct
                        ),
                async (h, id) =>
                    await h.GetRequiredService<ListOrganizations>().GetAsync(id, ct) is { } found
                    && found.Row.Name == text
            )
        );
        stored += Count(
            await StoreAsync(
                s.Admin,
                failures,
                text,
                "unit.name",
                h =>
                    h.GetRequiredService<CreateUnit>()
                        .HandleAsync(
                            new UnitInput
                            {
                                ParentId = c1,
                                Code = $"NI{index}",
                                Name = text,
                                NameEn = text,
                                Kind = UnitKind.Village,
                            },
                            ct
                        ),
                async (h, id) =>
                    await h.GetRequiredService<GetUnit>().HandleAsync(id, ct) is { } unit
                    && unit.Name == text
                    && unit.NameEn == text
            )
        );
        stored += Count(
            await StoreAsync(
                s.Admin,
                failures,
                text,
                "account.displayName",
                h =>
                    h.GetRequiredService<CreateAccount>()
                        .HandleAsync(
                            new NewAccountInput
                            {
                                HomeUnitId = c1,
                                Email = $"naughty-in{index}@test.danvan",
                                DisplayName = text,
                                Role = Role.Viewer,
                                Password = "Một câu mật khẩu đủ dài 2026",
                            },
                            ct
                        ),
                async (h, id) => (await h.GetRequiredService<GetAccount>().HandleAsync(id, ct))?.DisplayName == text
            )
        );
        await SearchAsync(s.Admin, failures, text, "unit.search", h =>
            h.GetRequiredService<ListUnits>().HandleAsync(new UnitListQuery(text), ct)
        );
        stored += Count(
            await StoreAsync(
                s.Officer,
                failures,
                text,
                "model.items",
                h =>
                    h.GetRequiredService<CreateModel>()
                        .HandleAsync(
                            new ModelInput
                            {
                                UnitId = c1,
                                OrganizationId = s.OrganizationId,
                                FieldId = s.FieldId,
                                Kind = ModelKind.IndividualExemplar,
                                Name = Fit(300) ?? "x",
                                Situation = text,
                                Goals = text,
                                Content = text,
                                AreaAndBeneficiaries = text,
                                Forces = text,
                                Resources = text,
                                Timeline = text,
                                Outputs = text,
                                Sustainability = text,
                                TargetGroup = Fit(300),
                                Tags = Fit(500),
                                PersonName = Fit(200),
                                Register = false,
                            },
                            ct
                        ),
                async (h, id) =>
                    await ModelAsync(h, id) is { } model
                    && (Fit(300) is null || model.Name == text)
                    && model.Situation == text
                    && model.Sustainability == text
                    && (Fit(200) is null || model.PersonName == text)
            )
        );
        stored += Count(
            await StoreAsync(
                s.Officer,
                failures,
                text,
                "model.result.note",
                h =>
                    h.GetRequiredService<RecordModelResult>()
                        .HandleAsync(
                            s.ResultModel,
                            new ModelResultInput
                            {
                                IndicatorId = s.Indicator,
                                Year = 2026,
                                Actual = 1,
                                Note = text,
                            },
                            ct
                        ),
                async (h, _) =>
                    (await h.GetRequiredService<GetModel>().HandleAsync(s.ResultModel, ct, full: false))?.Results
                        is [var result, ..]
                    && result.Note == noteOrNone
            )
        );
        await SearchAsync(s.Officer, failures, text, "model.search", h =>
            h.GetRequiredService<ListModels>().HandleAsync(new ModelQuery(Q: text), ct)
        );
        var modelVersion = await app.AsAsync(s.Officer, async h => (await ModelAsync(h, s.StepModel))!.Version);
        var suspended = Count(
            await StoreAsync(
                s.Officer,
                failures,
                text,
                "model.step.note",
                h =>
                    h.GetRequiredService<TransitionModel>()
                        .HandleAsync(
                            s.StepModel,
                            new ModelStepInput
                            {
                                Action = ModelAction.Suspend,
                                Version = modelVersion,
                                Note = text,
                            },
                            ct
                        ),
                async (h, id) => (await ModelAsync(h, id))?.StatusNote == text
            )
        );
        if (suspended == 1)
        {
            modelVersion = await app.AsAsync(s.Officer, async h => (await ModelAsync(h, s.StepModel))!.Version);
            var resumed = await app.AsAsync(s.Officer, h =>
                h.GetRequiredService<TransitionModel>()
                    .HandleAsync(
                        s.StepModel,
                        new ModelStepInput { Action = ModelAction.Resume, Version = modelVersion },
                        ct
                    )
            );
            Assert.True(resumed.IsOk, $"Resume: {resumed.Error}");
        }

        stored += suspended;
        var reviewVersion = await app.AsAsync(s.Officer, async h =>
            (await h.GetRequiredService<ModelReviews>().GetAsync(s.ReviewId, ct))!.Review.Version
        );
        stored += Count(
            await StoreAsync(
                s.Officer,
                failures,
                text,
                "review.conclusion",
                h =>
                    h.GetRequiredService<ModelReviews>()
                        .SaveAsync(s.ReviewId, new ReviewInput { Conclusion = text, Version = reviewVersion }, ct),
                async (h, id) =>
                    (await h.GetRequiredService<ModelReviews>().GetAsync(id, ct))?.Review.Conclusion == noteOrNone
            )
        );
        stored += Count(
            await StoreAsync(
                s.Officer,
                failures,
                text,
                "dialogue.text",
                h =>
                    h.GetRequiredService<SaveDialogue>()
                        .CreateAsync(
                            new DialogueInput
                            {
                                UnitId = c1,
                                Type = DialogueType.AdHocDialogue,
                                HeldOn = new DateOnly(2026, 6, 1),
                                Format = DialogueFormat.InPerson,
                                Place = Fit(300) ?? "x",
                                Topic = Fit(500) ?? "x",
                                ChairName = Fit(200) ?? "x",
                                CoChairs = Fit(2000),
                                Minutes = text,
                                Conclusions = text,
                                AttendanceList = text,
                            },
                            ct
                        ),
                async (h, id) =>
                    await h.GetRequiredService<GetDialogue>().HandleAsync(id, ct) is { } found
                    && DialogueApiDetail.From(found) is var dialogue
                    && dialogue.Minutes == text
                    && dialogue.Conclusions == text
                    && (Fit(500) is null || dialogue.Topic == text)
                    && (Fit(200) is null || dialogue.ChairName == text)
            )
        );
        var petitionId = await StoreAsync(
            s.Officer,
            failures,
            text,
            "petition.text",
            h =>
                h.GetRequiredService<RecordPetition>()
                    .HandleAsync(
                        new PetitionInput
                        {
                            UnitId = app.Tree.V1.Id,
                            Channel = PetitionChannel.Letter,
                            ReceivedOn = new DateOnly(2026, 6, 1),
                            CategoryId = s.PetitionCategory,
                            Title = Fit(300) ?? "x",
                            Content = text,
                            PetitionerKind = PetitionerKind.Citizen,
                            PetitionerName = Fit(200),
                            PetitionerAddress = Fit(300),
                        },
                        ct
                    ),
            async (h, id) =>
                await PetitionAsync(h, id) is { } petition
                && petition.Content == text
                && (Fit(300) is null || petition.Title == text)
        );
        stored += Count(petitionId);
        // As over HTTP: the reveal and a step's note for a fifth of the list.
        if (petitionId is { } recorded && index % 5 == 0)
        {
            var clear = await app.AsAsync(s.Officer, h =>
                h.GetRequiredService<PersonalData>().RevealAsync(recorded, ct)
            );
            if (!clear.IsOk || (Fit(200) is not null && !string.IsNullOrWhiteSpace(text) && clear.Value!.Name != text))
            {
                failures.Add($"handler petition.petitionerName {Show(text)}: not stored exactly {clear.Error}");
            }

            var petitionVersion = await app.AsAsync(s.Officer, async h => (await PetitionAsync(h, recorded))!.Version);
            stored += Count(
                await StoreAsync(
                    s.Officer,
                    failures,
                    text,
                    "petition.step.note",
                    h =>
                        h.GetRequiredService<PetitionSteps>()
                            .HandleAsync(
                                recorded,
                                new PetitionStepInput
                                {
                                    Action = PetitionAction.Assign,
                                    Version = petitionVersion,
                                    OrganizationId = s.PetitionOrganization,
                                    Note = text,
                                },
                                ct
                            ),
                    async (h, id) => await PetitionAsync(h, id) is { Events: [.., var last] } && last.Note == noteOrNone
                )
            );
        }

        await SearchAsync(s.Officer, failures, text, "petition.search", h =>
            h.GetRequiredService<ListPetitions>().HandleAsync(new PetitionQuery(Q: text), ct)
        );
        await SearchAsync(s.Officer, failures, text, "dialogue.search", h =>
            h.GetRequiredService<ListDialogues>().HandleAsync(new DialogueQuery(Q: text), ct)
        );
        await SearchAsync(null, failures, text, "tracking.code", async h =>
        {
            if (await h.GetRequiredService<PublicTracking>().FindAsync(text, ct) is not null)
            {
                failures.Add($"handler tracking.code {Show(text)}: found a petition");
            }
        });
        await SearchAsync(s.Officer, failures, text, "library.search", h =>
            h.GetRequiredService<PublicLibrary>().ListAsync(new LibraryQuery(text), ct)
        );
        return stored;
    }

    /// <summary>
    /// Campaigns: a handful of the list (every 40th string, a script and text with spaces around it) through the
    /// campaign's
    /// name and purpose, an indicator's name and custom measure, and a figure's note (each string makes a campaign, so
    /// the whole list would cost minutes for no new path).
    /// </summary>
    [Fact]
    public async Task A_handful_of_naughty_strings_through_the_campaign_API_are_stored_exactly_or_refused_cleanly()
    {
        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        string Day(int offset) =>
            today.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var strings = Strings
            .Value.Where((_, i) => i % 40 == 0)
            .Concat(["<script>alert(123)</script>", "  Thôn Thượng  ", "\u00e9\t tab"])
            .ToList();
        var failures = new List<string>();
        var stored = 0;
        foreach (var text in strings)
        {
            string? Fit(int max) => text.Length <= max ? text : null;
            string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
            var created = await officer.PostAsJsonAsync(
                "/api/v1/campaigns",
                new
                {
                    unitId = app.Tree.C1.Id,
                    name = Fit(300) ?? "x",
                    purpose = text,
                    startsOn = Day(-5),
                    endsOn = Day(5),
                    reportingLevel = "Village",
                }
            );
            var campaignStored = await CheckAsync(failures, text, "campaign.text", Task.FromResult(created), json =>
                json.GetProperty("name").GetString() == (Fit(300) ?? "x")
                && json.GetProperty("purpose").GetString() == OrNull(text)
            );
            stored += campaignStored;
            if (campaignStored == 0)
            {
                continue;
            }

            var campaignId = JsonDocument
                .Parse(await created.Content.ReadAsStringAsync())
                .RootElement.GetProperty("id")
                .GetInt32();
            var indicator = await officer.PostAsJsonAsync(
                $"/api/v1/campaigns/{campaignId}/indicators",
                new
                {
                    name = Fit(300) ?? "x",
                    measure = "Custom",
                    customMeasure = Fit(50) ?? "cây",
                    aggregation = "Sum",
                    direction = "HigherIsBetter",
                    frequency = "Daily",
                    decimals = 0,
                }
            );
            var indicatorStored = await CheckAsync(failures, text, "indicator.text", Task.FromResult(indicator), json =>
                json.GetProperty("name").GetString() == (Fit(300) ?? "x")
                && json.GetProperty("customMeasure").GetString() == (Fit(50) ?? "cây")
            );
            stored += indicatorStored;
            if (indicatorStored == 0)
            {
                continue;
            }

            var indicatorId = JsonDocument
                .Parse(await indicator.Content.ReadAsStringAsync())
                .RootElement.GetProperty("id")
                .GetInt32();
            var note = await officer.PostAsJsonAsync(
                $"/api/v1/campaigns/{campaignId}/figures",
                new
                {
                    figures = new[]
                    {
                        new
                        {
                            unitId = app.Tree.V1.Id,
                            indicatorId,
                            period = Day(0),
                            value = 1,
                            note = Fit(500),
                        },
                    },
                }
            );
            if (await CheckAsync(failures, text, "figure.note", Task.FromResult(note), _ => true) == 1)
            {
                var figures = JsonDocument
                    .Parse(await officer.GetStringAsync($"/api/v1/campaigns/{campaignId}/figures"))
                    .RootElement.GetProperty("items");
                var saved = figures[0].GetProperty("note").GetString();
                if (saved != OrNull(Fit(500)))
                {
                    failures.Add($"figure.note {Show(text)}: stored as {Show(saved ?? "(nothing)")}");
                }

                stored++;
            }

            await CheckAsync(
                failures,
                text,
                "campaign.search",
                officer.GetAsync($"/api/v1/campaigns?q={Uri.EscapeDataString(text)}"),
                _ => true
            );
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(
            stored > strings.Count * 2,
            $"Only {stored} values were accepted: the test is not exercising storage."
        );
        Assert.Empty(app.Log.Errors);
    }

    /// <summary>
    /// Every string through the handlers the create forms call, in-process as the same accounts with the input each
    /// form posts (its other fields left as the form offers them); a sample (<see cref="OverHttp"/>) also through the
    /// forms themselves, so that form binding, antiforgery and the message on the page stay covered.
    /// </summary>
    [Fact]
    public async Task Every_naughty_string_through_the_create_forms_is_stored_exactly_or_refused_with_a_message()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C2);
        using var client = await app.SignInAsync(admin);
        var (_, orgForm) = await client.GetPageAsync($"/organizations/new?unitId={app.Tree.C2.Id}");
        var (_, unitForm) = await client.GetPageAsync($"/units/new?parentId={app.Tree.C2.Id}");
        var (_, accountForm) = await client.GetPageAsync($"/accounts/new?unitId={app.Tree.C2.Id}");
        var officerAccount = await app.CreateAccountAsync(Role.Officer, app.Tree.C2);
        using var officer = await app.SignInAsync(officerAccount);
        var (_, modelForm) = await officer.GetPageAsync($"/models/new?unitId={app.Tree.C2.Id}");
        var (c2Organization, c2Field) = await Models.ModelData.ReferencesAsync(app, app.Tree.C2);
        var (_, dialogueForm) = await officer.GetPageAsync($"/dialogues/new?unitId={app.Tree.C2.Id}");
        var (_, petitionForm) = await officer.GetPageAsync($"/petitions/new?unitId={app.Tree.C2.Id}");
        var category = await app.WithDbAsync(db => db.PetitionCategories.Select(c => c.Id).FirstAsync());
        var setup = new FormSetup(
            admin,
            officerAccount,
            client,
            officer,
            orgForm,
            unitForm,
            accountForm,
            modelForm,
            dialogueForm,
            petitionForm,
            c2Organization,
            c2Field,
            category,
            UnitKinds.OfLevel(app.Tree.C2.Level + 1)[0]
        );
        // The in-process inputs hold what the forms post in the fields the test leaves alone: the forms still do.
        var c2 = app.Tree.C2.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (
            var (page, form, field, value) in new[]
            {
                (orgForm, "organization-edit", "Input.UnitId", c2),
                (orgForm, "organization-edit", "Input.Type", nameof(OrganizationType.Other)),
                (unitForm, "unit-edit", "Input.ParentId", c2),
                (unitForm, "unit-edit", "Input.Kind", setup.UnitKind.ToString()),
                (accountForm, "account-new", "Input.HomeUnitId", c2),
                (accountForm, "account-new", "Input.Role", nameof(Role.UnitAdministrator)),
                (accountForm, "account-new", "Input.OrganizationId", ""),
                (modelForm, "model-edit", "Input.UnitId", c2),
                (modelForm, "model-edit", "Input.Kind", nameof(ModelKind.Model)),
                (dialogueForm, "dialogue-edit", "Input.UnitId", c2),
                (dialogueForm, "dialogue-edit", "Input.CitizenCount", "0"),
                (petitionForm, "petition-new", "Input.HandlingUnitId", c2),
            }
        )
        {
            var posted = Posted(page, form, field);
            Assert.True(posted == value, $"The {form} form posts {field}={posted}, not {value}.");
        }

        var failures = new List<string>();
        var (stored, storedOverHttp, overHttp, index) = (0, 0, 0, 0);
        foreach (var text in Strings.Value)
        {
            index++;
            stored += await ThroughTheFormHandlersAsync(setup, failures, text, index);
            if (OverHttp(index, text))
            {
                overHttp++;
                storedOverHttp += await ThroughTheFormsAsync(setup, failures, text, index);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(
            stored > Strings.Value.Count,
            $"Only {stored} values were accepted: the test is not exercising storage."
        );
        Assert.True(
            storedOverHttp > overHttp,
            $"Only {storedOverHttp} values of {overHttp} strings were accepted over HTTP: the sample is not storing."
        );
        Assert.Empty(app.Log.Errors);
    }

    private sealed record FormSetup(
        TestAccount Admin,
        TestAccount Officer,
        PageClient AdminPages,
        PageClient OfficerPages,
        IHtmlDocument OrganizationForm,
        IHtmlDocument UnitForm,
        IHtmlDocument AccountForm,
        IHtmlDocument ModelForm,
        IHtmlDocument DialogueForm,
        IHtmlDocument PetitionForm,
        int Organization,
        int Field,
        int Category,
        UnitKind UnitKind
    );

    /// <summary>What the form <paramref name="formName"/> posts in <paramref name="field"/> left as it is.</summary>
    private static string? Posted(IHtmlDocument page, string formName, string field) =>
        PageClient
            .FieldsOf(
                page.QuerySelectorAll<IHtmlFormElement>("form")
                    .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == formName)
            )
            .GetValueOrDefault(field);

    /// <summary>One string through the create forms over HTTP; the values stored.</summary>
    private async Task<int> ThroughTheFormsAsync(FormSetup s, List<string> failures, string text, int index)
    {
        var (client, officer) = (s.AdminPages, s.OfficerPages);
        var stored = 0;
        stored += await CheckFormAsync(
            client,
            failures,
            text,
            "organization",
            s.OrganizationForm,
            $"/organizations/new?unitId={app.Tree.C2.Id}",
            "organization-edit",
            new()
            {
                ["Input.Name"] = text,
                ["Input.ShortName"] = text,
                ["Input.SubmissionId"] = Guid.NewGuid().ToString("N"),
            },
            id =>
                app.WithDbAsync(db =>
                    Task.FromResult(
                        db.Organizations.Where(o => o.UnitId == app.Tree.C2.Id && o.Name == text && o.ShortName == text)
                            .Select(o => o.Name)
                            .FirstOrDefault()
                    )
                )
        );
        stored += await CheckFormAsync(
            client,
            failures,
            text,
            "unit",
            s.UnitForm,
            $"/units/new?parentId={app.Tree.C2.Id}",
            "unit-edit",
            new()
            {
                ["Input.Code"] = $"F{index}",
                ["Input.Name"] = text,
                ["Input.NameEn"] = text,
                ["Input.SubmissionId"] = Guid.NewGuid().ToString("N"),
            },
            id =>
                app.WithDbAsync(db =>
                    Task.FromResult(
                        db.Units.Where(u => u.Code == $"F{index}" && u.NameEn == text)
                            .Select(u => u.Name)
                            .FirstOrDefault()
                    )
                )
        );
        stored += await CheckFormAsync(
            client,
            failures,
            text,
            "account",
            s.AccountForm,
            $"/accounts/new?unitId={app.Tree.C2.Id}",
            "account-new",
            new()
            {
                ["Input.DisplayName"] = text,
                ["Input.Email"] = $"form{index}@test.danvan",
                ["Input.Password"] = "Một câu mật khẩu đủ dài 2026",
                ["Input.SubmissionId"] = Guid.NewGuid().ToString("N"),
            },
            id =>
                app.WithDbAsync(db =>
                    Task.FromResult(
                        db.Users.Where(a => a.Email == $"form{index}@test.danvan")
                            .Select(a => a.DisplayName)
                            .FirstOrDefault()
                    )
                )
        );
        var marker = $"naughty-form-{index}";
        stored += await CheckFormAsync(
            officer,
            failures,
            text,
            "model",
            s.ModelForm,
            $"/models/new?unitId={app.Tree.C2.Id}",
            "model-edit",
            new()
            {
                ["Input.Name"] = text,
                ["Input.Content"] = text,
                ["Input.Outputs"] = text,
                ["Input.Tags"] = marker,
                ["Input.OrganizationId"] = s.Organization.ToString(),
                ["Input.FieldId"] = s.Field.ToString(),
                ["Input.Register"] = "false",
                ["Input.SubmissionId"] = Guid.NewGuid().ToString("N"),
            },
            id =>
                app.WithDbAsync(db =>
                    Task.FromResult(
                        db.Models.Where(m => m.Tags == marker && m.Content == text && m.Outputs == text)
                            .Select(m => m.Name)
                            .FirstOrDefault()
                    )
                )
        );
        stored += await CheckFormAsync(
            officer,
            failures,
            text,
            "dialogue",
            s.DialogueForm,
            $"/dialogues/new?unitId={app.Tree.C2.Id}",
            "dialogue-edit",
            new()
            {
                ["Input.Type"] = "AdHocDialogue",
                ["Input.HeldOn"] = "2026-06-01",
                ["Input.Format"] = "InPerson",
                ["Input.Place"] = marker,
                ["Input.Topic"] = text,
                ["Input.ChairName"] = text,
                ["Input.Minutes"] = text,
                ["Input.SubmissionId"] = Guid.NewGuid().ToString("N"),
            },
            id =>
                app.WithDbAsync(db =>
                    Task.FromResult(
                        db.Dialogues.Where(d => d.Place == marker && d.ChairName == text && d.Minutes == text)
                            .Select(d => d.Topic)
                            .FirstOrDefault()
                    )
                )
        );
        stored += await CheckFormAsync(
            officer,
            failures,
            text,
            "petition",
            s.PetitionForm,
            $"/petitions/new?unitId={app.Tree.C2.Id}",
            "petition-new",
            new()
            {
                ["Input.UnitId"] = app.Tree.V3.Id.ToString(),
                ["Input.Channel"] = "Letter",
                ["Input.ReceivedOn"] = "2026-06-01",
                ["Input.CategoryId"] = s.Category.ToString(),
                ["Input.Title"] = text,
                ["Input.Content"] = text,
                ["Input.PetitionerKind"] = "Citizen",
                ["Input.PetitionerName"] = text,
                ["Input.PetitionerAddress"] = marker,
                ["Input.SubmissionId"] = Guid.NewGuid().ToString("N"),
            },
            id =>
                app.WithDbAsync(db =>
                    Task.FromResult(
                        db.Petitions.Where(p =>
                                p.PetitionerAddress == marker && p.Content == text && p.PetitionerName == text
                            )
                            .Select(p => p.Title)
                            .FirstOrDefault()
                    )
                )
        );
        return stored;
    }

    /// <summary>
    /// The same string through the same forms and checks as <see cref="ThroughTheFormsAsync"/>, in-process: the
    /// handlers the forms call, with the inputs they post, the record read back from the database.
    /// </summary>
    private async Task<int> ThroughTheFormHandlersAsync(FormSetup s, List<string> failures, string text, int index)
    {
        var ct = TestContext.Current.CancellationToken;
        var c2 = app.Tree.C2.Id;
        var marker = $"naughty-form-in-{index}";
        string Submission() => Guid.NewGuid().ToString("N");
        Task<bool> Saved<T>(Func<DanVanDbContext, Task<T>> read, Func<T, bool> exactly) =>
            app.WithDbAsync(async db => exactly(await read(db)));
        var stored = 0;
        stored += Count(
            await StoreAsync(
                s.Admin,
                failures,
                text,
                "organization form",
                h =>
                    h.GetRequiredService<CreateOrganization>()
                        .HandleAsync(
                            new OrganizationInput
                            {
                                UnitId = c2,
                                Name = text,
                                ShortName = text,
                                SubmissionId = Submission(),
                            },
                            ct
                        ),
                (_, id) =>
                    Saved(
                        db => db.Organizations.SingleAsync(o => o.Id == id, ct),
                        o => o.Name == text && o.ShortName == text
                    )
            )
        );
        stored += Count(
            await StoreAsync(
                s.Admin,
                failures,
                text,
                "unit form",
                h =>
                    h.GetRequiredService<CreateUnit>()
                        .HandleAsync(
                            new UnitInput
                            {
                                ParentId = c2,
                                Kind = s.UnitKind,
                                Code = $"FI{index}",
                                Name = text,
                                NameEn = text,
                                SubmissionId = Submission(),
                            },
                            ct
                        ),
                (_, id) =>
                    Saved(db => db.Units.SingleAsync(u => u.Id == id, ct), u => u.Name == text && u.NameEn == text)
            )
        );
        stored += Count(
            await StoreAsync(
                s.Admin,
                failures,
                text,
                "account form",
                h =>
                    h.GetRequiredService<CreateAccount>()
                        .HandleAsync(
                            new NewAccountInput
                            {
                                HomeUnitId = c2,
                                Role = Role.UnitAdministrator,
                                DisplayName = text,
                                Email = $"form-in{index}@test.danvan",
                                Password = "Một câu mật khẩu đủ dài 2026",
                                SubmissionId = Submission(),
                            },
                            ct
                        ),
                (_, id) => Saved(db => db.Users.SingleAsync(a => a.Id == id, ct), a => a.DisplayName == text)
            )
        );
        stored += Count(
            await StoreAsync(
                s.Officer,
                failures,
                text,
                "model form",
                h =>
                    h.GetRequiredService<CreateModel>()
                        .HandleAsync(
                            new ModelInput
                            {
                                UnitId = c2,
                                Name = text,
                                Content = text,
                                Outputs = text,
                                Tags = marker,
                                OrganizationId = s.Organization,
                                FieldId = s.Field,
                                Register = false,
                                SubmissionId = Submission(),
                            },
                            ct
                        ),
                (_, id) =>
                    Saved(
                        db => db.Models.SingleAsync(m => m.Id == id, ct),
                        m => m.Name == text && m.Content == text && m.Outputs == text
                    )
            )
        );
        stored += Count(
            await StoreAsync(
                s.Officer,
                failures,
                text,
                "dialogue form",
                h =>
                    h.GetRequiredService<SaveDialogue>()
                        .CreateAsync(
                            new DialogueInput
                            {
                                UnitId = c2,
                                Type = DialogueType.AdHocDialogue,
                                HeldOn = new DateOnly(2026, 6, 1),
                                Format = DialogueFormat.InPerson,
                                Place = marker,
                                Topic = text,
                                ChairName = text,
                                Minutes = text,
                                CitizenCount = 0,
                                BusinessCount = 0,
                                OfficialCount = 0,
                                SubmissionId = Submission(),
                            },
                            ct
                        ),
                (_, id) =>
                    Saved(
                        db => db.Dialogues.SingleAsync(d => d.Id == id, ct),
                        d => d.Topic == text && d.ChairName == text && d.Minutes == text
                    )
            )
        );
        stored += Count(
            await StoreAsync(
                s.Officer,
                failures,
                text,
                "petition form",
                h =>
                    h.GetRequiredService<RecordPetition>()
                        .HandleAsync(
                            new PetitionInput
                            {
                                HandlingUnitId = c2,
                                UnitId = app.Tree.V3.Id,
                                Channel = PetitionChannel.Letter,
                                ReceivedOn = new DateOnly(2026, 6, 1),
                                CategoryId = s.Category,
                                Title = text,
                                Content = text,
                                PetitionerKind = PetitionerKind.Citizen,
                                PetitionerName = text,
                                PetitionerAddress = marker,
                                SubmissionId = Submission(),
                            },
                            ct
                        ),
                (_, id) =>
                    Saved(
                        db => db.Petitions.SingleAsync(p => p.Id == id, ct),
                        p => p.Title == text && p.Content == text && p.PetitionerName == text
                    )
            )
        );
        return stored;
    }

    [Fact]
    public async Task A_sample_of_naughty_strings_through_the_campaign_and_indicator_forms_is_stored_and_shown_exactly_or_refused_with_a_message()
    {
        using var officer = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C2));
        var formUrl = $"/campaigns/new?unitId={app.Tree.C2.Id}";
        var (_, campaignForm) = await officer.GetPageAsync(formUrl);
        var sample = Strings
            .Value.Where((_, i) => i % 40 == 7)
            .Take(12)
            .Append("<script>alert(123)</script>")
            .Append("'; DROP TABLE \"Campaigns\"; --")
            .ToList();
        var failures = new List<string>();
        int? campaignId = null;
        var stored = 0;
        foreach (var text in sample)
        {
            var response = await officer.SubmitAsync(
                campaignForm,
                formUrl,
                "campaign-edit",
                new()
                {
                    ["Input.Name"] = text,
                    ["Input.Purpose"] = text,
                    ["Input.StartsOn"] = "2026-06-01",
                    ["Input.EndsOn"] = "2026-06-30",
                    ["Input.SubmissionId"] = Guid.NewGuid().ToString("N"),
                }
            );
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var location = response.Headers.Location!;
                var id = int.Parse(
                    (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]).Split('/')[
                        2
                    ],
                    System.Globalization.CultureInfo.InvariantCulture
                );
                var campaign = await app.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Id == id));
                var (_, page) = await officer.GetPageAsync($"/campaigns/{id}");
                if (
                    campaign.Name != text.Trim()
                    || campaign.Purpose != text.Trim()
                    || page.QuerySelector("h1")?.TextContent != text.Trim()
                )
                {
                    failures.Add($"campaign form {Show(text)}: stored or shown as {Show(campaign.Name)}");
                }

                campaignId ??= id;
                stored++;
            }
            else if (
                response.StatusCode != HttpStatusCode.OK
                || PageClient.ErrorsOf(PageClient.Parse(await response.Content.ReadAsStringAsync())).Count == 0
            )
            {
                failures.Add($"campaign form {Show(text)}: {(int)response.StatusCode} without a message");
            }
        }

        Assert.NotNull(campaignId);
        var indicatorUrl = $"/campaigns/{campaignId}/indicators/new";
        var (_, indicatorForm) = await officer.GetPageAsync(indicatorUrl);
        foreach (var text in sample)
        {
            var response = await officer.SubmitAsync(
                indicatorForm,
                indicatorUrl,
                "indicator-edit",
                new() { ["Input.Name"] = text, ["Input.Measure"] = "People" }
            );
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var names = await app.WithDbAsync(db =>
                    db.Set<DanVan.Web.Features.Campaigns.Indicator>()
                        .Where(i => i.CampaignId == campaignId)
                        .Select(i => i.Name)
                        .ToListAsync()
                );
                var (_, page) = await officer.GetPageAsync($"/campaigns/{campaignId}");
                if (
                    !names.Contains(text.Trim())
                    || !page.QuerySelectorAll("main table th[scope=row]")
                        .Any(th => th.FirstChild?.TextContent.Trim() == text.Trim())
                )
                {
                    failures.Add($"indicator form {Show(text)}: not stored or shown exactly");
                }

                stored++;
            }
            else if (
                response.StatusCode != HttpStatusCode.OK
                || PageClient.ErrorsOf(PageClient.Parse(await response.Content.ReadAsStringAsync())).Count == 0
            )
            {
                failures.Add($"indicator form {Show(text)}: {(int)response.StatusCode} without a message");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures));
        Assert.True(stored > sample.Count, $"Only {stored} values were accepted: the test is not exercising storage.");
        Assert.Empty(app.Log.Errors);
    }

    [Fact]
    public async Task Naughty_strings_in_the_sign_in_form_only_ever_fail_to_sign_in()
    {
        using var client = app.NewPageClient();
        var (_, login) = await client.GetPageAsync("/account/login");
        foreach (var text in Strings.Value.Take(120))
        {
            var response = await client.SubmitAsync(
                login,
                "/account/login",
                "login",
                new() { ["Input.Email"] = text, ["Input.Password"] = text }
            );
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Show(text)}: {(int)response.StatusCode}");
        }

        Assert.Empty(app.Log.Errors);
    }

    private static int Count(int? stored) => stored is null ? 0 : 1;

    /// <summary>
    /// One write through a handler as <paramref name="actor"/> in a scope of its own (as one request), then the
    /// read-back in the same scope (as the endpoint's answer): the id when it was stored (a failure unless
    /// <paramref name="storedExactly"/>), null when it was refused. Refused means a validation error that says what is
    /// wrong (a message for the form and at least one for a field); any other error, and any exception, is a failure.
    /// </summary>
    private async Task<int?> StoreAsync(
        TestAccount actor,
        List<string> failures,
        string text,
        string field,
        Func<IServiceProvider, Task<Result<int>>> write,
        Func<IServiceProvider, int, Task<bool>> storedExactly
    )
    {
        try
        {
            return await app.AsAsync(actor, async services =>
            {
                var result = await write(services);
                switch (result.Error)
                {
                    case null:
                        if (!await storedExactly(services, result.Value))
                        {
                            failures.Add($"handler {field} {Show(text)}: stored differently");
                        }

                        return (int?)result.Value;
                    case ValidationError refusal
                        when !string.IsNullOrWhiteSpace(refusal.Message)
                            && refusal.Fields.Values.Any(messages => messages.Any(m => !string.IsNullOrWhiteSpace(m))):
                        return null;
                    case { } error:
                        failures.Add($"handler {field} {Show(text)}: {error.GetType().Name} {error.Message}");
                        return null;
                }
            });
        }
        catch (Exception e)
        {
            failures.Add($"handler {field} {Show(text)}: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    /// <summary>A search or lookup through a handler as <paramref name="actor"/> (null: signed out).</summary>
    private async Task SearchAsync(
        TestAccount? actor,
        List<string> failures,
        string text,
        string field,
        Func<IServiceProvider, Task> search
    )
    {
        try
        {
            await app.AsAsync(actor, search);
        }
        catch (Exception e)
        {
            failures.Add($"handler {field} {Show(text)}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<int> CheckAsync(
        List<string> failures,
        string text,
        string field,
        Task<HttpResponseMessage> call,
        Func<JsonElement, bool> storedExactly
    )
    {
        var response = await call;
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500 || status is not (200 or 201 or 400))
        {
            failures.Add($"{field} {Show(text)}: {status} {body[..Math.Min(200, body.Length)]}");
            return 0;
        }

        if (status == 400)
        {
            if (!body.Contains("\"errors\"", StringComparison.Ordinal))
            {
                failures.Add($"{field} {Show(text)}: 400 without field errors");
            }

            return 0;
        }

        if (!storedExactly(JsonDocument.Parse(body).RootElement))
        {
            failures.Add($"{field} {Show(text)}: stored differently");
        }

        return 1;
    }

    /// <summary>Submits a create form: 1 when it saved (a failure unless exactly), 0 when it did not.</summary>
    private static async Task<int> CheckFormAsync(
        PageClient client,
        List<string> failures,
        string text,
        string field,
        AngleSharp.Html.Dom.IHtmlDocument form,
        string url,
        string formName,
        Dictionary<string, string> values,
        Func<int, Task<string?>> readBack
    )
    {
        var response = await client.SubmitAsync(form, url, formName, values);
        var status = (int)response.StatusCode;
        var answer = status == 200 ? PageClient.Parse(await response.Content.ReadAsStringAsync()) : null;
        // A recorded petition answers with its receipt (the PIN is shown once) instead of a redirect.
        if (status == 302 || answer?.QuerySelector("[data-testid=receipt-code]") is not null)
        {
            var saved = await readBack(0);
            if (saved != text)
            {
                failures.Add($"{field} form {Show(text)}: stored as {Show(saved ?? "(nothing)")}");
            }

            return 1;
        }

        if (answer is { } page)
        {
            if (PageClient.ErrorsOf(page).Count == 0)
            {
                failures.Add($"{field} form {Show(text)}: neither saved nor an error message");
            }
        }
        else
        {
            failures.Add($"{field} form {Show(text)}: {status}");
        }

        return 0;
    }

    private static string Show(string text) => JsonSerializer.Serialize(text.Length > 40 ? text[..40] + "…" : text);

    internal static bool IsWellFormedUtf16(string text)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Naughty_strings_typed_into_the_figure_grid_are_refused_at_the_cell_and_as_notes_are_stored_exactly()
    {
        var officerApi = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        using var officer = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var campaign = Campaigns.CampaignData.Campaign(
            app.Tree.C1,
            DanVan.Web.Features.Units.UnitLevel.Village,
            app.Tree.C1
        );
        campaign["startsOn"] = Campaigns.CampaignData.Iso(today.AddDays(-3));
        campaign["endsOn"] = Campaigns.CampaignData.Iso(today.AddDays(3));
        var id = await Campaigns.CampaignData.CreateAsync(officerApi, campaign);
        var indicator = await Campaigns.CampaignData.AddIndicatorAsync(
            officerApi,
            id,
            Campaigns.CampaignData.Indicator(allowNegative: true)
        );
        var url = $"/campaigns/{id}/entries?unitId={app.Tree.C1.Id}&date={Campaigns.CampaignData.Iso(today)}";
        var cell = $"{app.Tree.V1.Id}.{indicator}";
        var failures = new List<string>();
        var (refused, notes) = (0, 0);
        // A handful across the list (every form of every string would take minutes): scripts, SQL, numbers,
        // right-to-left, emoji.
        foreach (
            var text in Strings
                .Value.Where((_, i) => i % 37 == 0)
                .Append("<script>alert(123)</script>")
                .Append("1;DROP TABLE CampaignFigures")
        )
        {
            var (_, page) = await officer.GetPageAsync(url);
            var response = await officer.SubmitAsync(page, url, "grid", new() { [$"v[{cell}]"] = text });
            var shown =
                response.StatusCode == HttpStatusCode.OK
                    ? PageClient.Parse(await response.Content.ReadAsStringAsync())
                    : null;
            var stored = await app.WithDbAsync(db =>
                db.Set<DanVan.Web.Features.Campaigns.CampaignFigure>()
                    .Where(f => f.CampaignId == id && f.UnitId == app.Tree.V1.Id)
                    .Select(f => (decimal?)f.Value)
                    .SingleOrDefaultAsync()
            );
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                // Only a well-formed Vietnamese number may be saved ("0", "1", "-1": a few of the list are).
                if (
                    !DanVan.Web.Features.Campaigns.FigureText.TryParse(
                        text,
                        System.Globalization.CultureInfo.GetCultureInfo("vi-VN"),
                        out var number
                    )
                    || stored != number
                )
                {
                    failures.Add($"grid value {Show(text)}: saved as {stored}");
                }
            }
            else if (
                shown is null
                || shown.QuerySelector($"#cell-{app.Tree.V1.Id}-{indicator}-error") is null
                || shown.QuerySelector<IHtmlInputElement>($"#cell-{app.Tree.V1.Id}-{indicator}")?.Value != text.Trim()
            )
            {
                failures.Add(
                    $"grid value {Show(text)}: {(int)response.StatusCode} without the typed text and an error at the cell"
                );
            }
            else
            {
                refused++;
            }

            (_, page) = await officer.GetPageAsync(url);
            response = await officer.SubmitAsync(
                page,
                url,
                "grid",
                new() { [$"v[{cell}]"] = "7", [$"n[{cell}]"] = text }
            );
            var note = await app.WithDbAsync(db =>
                db.Set<DanVan.Web.Features.Campaigns.CampaignFigure>()
                    .Where(f => f.CampaignId == id && f.UnitId == app.Tree.V1.Id)
                    .Select(f => f.Note)
                    .SingleOrDefaultAsync()
            );
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var expected = string.IsNullOrWhiteSpace(text) ? null : text; // stored exactly, as through the API; a blank one is no note
                var (_, after) = await officer.GetPageAsync(url);
                if (
                    note != expected
                    || after.QuerySelector<IHtmlInputElement>($"#cell-{app.Tree.V1.Id}-{indicator}-note")?.Value
                        != (expected ?? "")
                )
                {
                    failures.Add($"grid note {Show(text)}: stored as {Show(note ?? "(null)")}");
                }

                notes++;
            }
            else if (
                response.StatusCode != HttpStatusCode.OK
                || PageClient.ErrorsOf(PageClient.Parse(await response.Content.ReadAsStringAsync())).Count == 0
            )
            {
                failures.Add($"grid note {Show(text)}: {(int)response.StatusCode} neither saved nor an error message");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures));
        Assert.True(
            refused > 5 && notes > 5,
            $"Only {refused} values refused and {notes} notes stored: the test is not exercising the grid."
        );
        Assert.Empty(app.Log.Errors);
    }
}

/// <summary>
/// The whole list through the API's text fields, in a class of its own: the longest test of the suite (over two minutes
/// on PostgreSQL) runs beside <see cref="NaughtyStringsTests"/>' form tests instead of after them on the same thread.
/// </summary>
public sealed class NaughtyStringsApiTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    [Fact]
    public Task Every_naughty_string_through_the_API_text_fields_is_stored_exactly_or_refused_cleanly() =>
        new NaughtyStringsTests(app).EveryStringThroughTheApiAsync();
}
