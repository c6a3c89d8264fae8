using System.Data.Common;
using System.Net.Http.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Performance;

/// <summary>QUALITY.md P4: no page or API call issues more than five SQL statements (no N+1).</summary>
public sealed class StatementCountTests(StatementCountTests.CountingApp app)
    : IClassFixture<StatementCountTests.CountingApp>
{
    public const int Limit = 5;

    public sealed class CountingApp : DanVanApp
    {
        public CommandCounter Counter { get; } = new();

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            base.ConfigureTestServices(services);
            services.ConfigureDbContext<DanVanDbContext>(o => o.AddInterceptors(Counter));
        }
    }

    /// <summary>Counts every command EF Core sends to the database.</summary>
    public sealed class CommandCounter : DbCommandInterceptor
    {
        private int count;
        private readonly List<string> texts = [];

        public int Count => count;

        public IReadOnlyList<string> Texts => texts;

        public void Reset()
        {
            Interlocked.Exchange(ref count, 0);
            lock (texts)
            {
                texts.Clear();
            }
        }

        private void Seen(DbCommand command)
        {
            Interlocked.Increment(ref count);
            lock (texts)
            {
                texts.Add(command.CommandText);
            }
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result
        )
        {
            Seen(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default
        )
        {
            Seen(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<int> result
        )
        {
            Seen(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default
        )
        {
            Seen(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<object> result
        )
        {
            Seen(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<object> result,
            CancellationToken cancellationToken = default
        )
        {
            Seen(command);
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task Every_page_and_API_read_uses_at_most_five_statements()
    {
        var admin = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.P1);
        using var pages = await app.SignInAsync(admin);
        var api = await app.ApiClientAsync(admin);
        await api.GetAsync("/api/v1/me"); // the token's first use records its use time once
        var tree = app.Tree;
        var orgId = await app.WithDbAsync(db =>
            db.Organizations.Where(o => o.UnitId == tree.C1.Id).Select(o => o.Id).FirstAsync()
        );
        var officerApi = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, tree.C1));
        var model = await Models.ModelData.RegisterAsync(app, officerApi, tree.C1, "Mô hình đếm câu lệnh");
        var modelId = model.GetProperty("id").GetInt32();
        await app.WithDbAsync(async db =>
        {
            var notifier = new DanVan.Web.Features.Notifications.Notifier(db, TimeProvider.System);
            notifier.Notify(
                [admin.Id],
                DanVan.Web.Features.Notifications.NotificationKind.PetitionOverdue,
                "KN-2026-0001",
                "/petitions/1"
            );
            notifier.Notify(
                [admin.Id],
                DanVan.Web.Features.Notifications.NotificationKind.PetitionAnswered,
                "KN-2026-0002",
                "/petitions/2",
                urgent: true
            );
            await db.SaveChangesAsync();
        });
        var dialogue = await ApiJson.OkAsync(
            await officerApi.PostAsJsonAsync(
                "/api/v1/dialogues",
                Petitions.PetitionData.Conference(
                    tree.C1,
                    DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-3)
                )
            )
        );
        var dialogueId = dialogue.GetProperty("id").GetInt32();
        var agency = await app.ApiClientAsync(await app.CreateAccountAsync(Role.AgencyHandler, tree.C1, orgId));
        var petitionIds = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var petition = await Petitions.PetitionData.RecordAsync(
                officerApi,
                await Petitions.PetitionData.PetitionAsync(
                    app,
                    tree.V1,
                    DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-2),
                    dialogueId,
                    category: i == 0 ? "land" : "environment"
                )
            );
            petition = await Petitions.PetitionData.StepOkAsync(
                officerApi,
                petition,
                "Assign",
                new { organizationId = orgId }
            );
            if (i > 0)
            {
                await Petitions.PetitionData.StepOkAsync(agency, petition, "Answer", new { answer = "Đã trả lời." });
            }

            petitionIds.Add(petition.GetProperty("id").GetInt32());
        }

        // A running province campaign with an indicator, targets, figures, a lock, a linked model and a document.
        var manager = await app.CreateAccountAsync(Role.Officer, tree.P1);
        using var managerPages = await app.SignInAsync(manager);
        var managerApi = await app.ApiClientAsync(manager);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var campaign = await Campaigns.CampaignData.CreateAsync(
            managerApi,
            new()
            {
                ["unitId"] = tree.P1.Id,
                ["name"] = "Phong trào đếm câu lệnh",
                ["startsOn"] = Campaigns.CampaignData.Iso(today.AddDays(-20)),
                ["endsOn"] = Campaigns.CampaignData.Iso(today.AddDays(20)),
                ["reportingLevel"] = "Village",
                ["modelIds"] = new[] { modelId },
            }
        );
        var indicatorId = await Campaigns.CampaignData.AddIndicatorAsync(
            managerApi,
            campaign,
            Campaigns.CampaignData.Indicator(target: 500)
        );
        await managerApi.PutAsJsonAsync(
            $"/api/v1/campaigns/{campaign}/targets",
            new
            {
                indicatorId,
                targets = new[]
                {
                    new
                    {
                        unitId = tree.C1.Id,
                        value = 300,
                        version = 0,
                    },
                },
            }
        );
        await managerApi.PostAsJsonAsync(
            $"/api/v1/campaigns/{campaign}/locks",
            new { frequency = "Daily", period = Campaigns.CampaignData.Iso(today.AddDays(-15)) }
        );
        var version = await app.WithDbAsync(db =>
            db.Campaigns.Where(c => c.Id == campaign).Select(c => c.Version).SingleAsync()
        );
        await managerApi.PostAsJsonAsync($"/api/v1/campaigns/{campaign}/status", new { status = "Running", version });
        await Campaigns.CampaignData.EnterAsync(
            officerApi,
            campaign,
            Campaigns.CampaignData.Figure(tree.V1, indicatorId, today.AddDays(-3), 12)
        );
        var document = await managerApi.PostAsync(
            $"/api/v1/campaigns/{campaign}/documents",
            new MultipartFormDataContent
            {
                { new ByteArrayContent(Models.AttachmentTests.Pdf), "file", "ke-hoach.pdf" },
            }
        );
        var documentId = (await ApiJson.OkAsync(document)).GetProperty("id").GetInt32();
        using var officerPages = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, tree.C1));
        // A commune campaign running from ten days ago, with figures of two villages, targets and a locked day.
        string Day(int offset) =>
            today.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var apiCampaign = await ApiJson.OkAsync(
            await officerApi.PostAsJsonAsync(
                "/api/v1/campaigns",
                new
                {
                    unitId = tree.C1.Id,
                    name = "Phong trào xã đếm câu lệnh",
                    startsOn = Day(-10),
                    endsOn = Day(20),
                    reportingLevel = "Village",
                    modelIds = new[] { modelId },
                }
            )
        );
        var apiCampaignId = apiCampaign.GetProperty("id").GetInt32();
        var apiIndicatorId = await Campaigns.CampaignData.AddIndicatorAsync(
            officerApi,
            apiCampaignId,
            Campaigns.CampaignData.Indicator(target: 100)
        );
        await Campaigns.CampaignData.AddIndicatorAsync(
            officerApi,
            apiCampaignId,
            Campaigns.CampaignData.Indicator("Hộ", aggregation: "Latest", frequency: "Weekly")
        );
        await ApiJson.OkAsync(
            await Campaigns.CampaignData.SetTargetsAsync(
                officerApi,
                apiCampaignId,
                apiIndicatorId,
                Campaigns.CampaignData.Target(tree.V1, 60),
                Campaigns.CampaignData.Target(tree.V2, 50)
            )
        );
        foreach (var offset in new[] { -3, -2, -1 })
        {
            await ApiJson.OkAsync(
                await officerApi.PostAsJsonAsync(
                    $"/api/v1/campaigns/{apiCampaignId}/figures",
                    new
                    {
                        figures = new[]
                        {
                            new
                            {
                                unitId = tree.V1.Id,
                                indicatorId = apiIndicatorId,
                                period = Day(offset),
                                value = 4,
                            },
                            new
                            {
                                unitId = tree.V2.Id,
                                indicatorId = apiIndicatorId,
                                period = Day(offset),
                                value = 3,
                            },
                        },
                    }
                )
            );
        }

        Assert.True(
            (
                await Campaigns.CampaignData.LockAsync(officerApi, apiCampaignId, "Daily", today.AddDays(-5))
            ).IsSuccessStatusCode
        );
        var c = $"/api/v1/campaigns/{apiCampaignId}";
        // A running campaign of the commune's villages with today's figures: the grid, the missing list, a cell's
        // history, the import.
        var gridCampaign = Campaigns.CampaignData.Campaign(
            tree.C1,
            DanVan.Web.Features.Units.UnitLevel.Village,
            tree.C1
        );
        gridCampaign["startsOn"] = Campaigns.CampaignData.Iso(today.AddDays(-5));
        gridCampaign["endsOn"] = Campaigns.CampaignData.Iso(today.AddDays(5));
        var gridCampaignId = await Campaigns.CampaignData.CreateAsync(officerApi, gridCampaign);
        var graves = await Campaigns.CampaignData.AddIndicatorAsync(
            officerApi,
            gridCampaignId,
            Campaigns.CampaignData.Indicator()
        );
        await Campaigns.CampaignData.AddIndicatorAsync(
            officerApi,
            gridCampaignId,
            Campaigns.CampaignData.Indicator("Hộ đã ký", frequency: "Weekly")
        );
        Assert.True(
            (
                await Campaigns.CampaignData.EnterAsync(
                    officerApi,
                    gridCampaignId,
                    Campaigns.CampaignData.Figure(tree.V1, graves, today, 2),
                    Campaigns.CampaignData.Figure(tree.V2, graves, today, 3)
                )
            ).IsSuccessStatusCode
        );
        using var gridOfficerPages = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, tree.C1));
        var day = Campaigns.CampaignData.Iso(today);
        // A reporting round of the province, with the commune's report submitted (frozen figures, a step).
        var round = await ApiJson.ReadAsync(
            await managerApi.PostAsJsonAsync(
                "/api/v1/reports/rounds",
                new
                {
                    unitId = tree.P1.Id,
                    kind = "Month",
                    year = today.AddMonths(-1).Year,
                    number = today.AddMonths(-1).Month,
                }
            )
        );
        var roundId = round.GetProperty("id").GetInt32();
        int ReportOf(DanVan.Web.Features.Units.Unit unit) =>
            round
                .GetProperty("reports")
                .EnumerateArray()
                .Single(r => r.GetProperty("unitId").GetInt32() == unit.Id)
                .GetProperty("reportId")
                .GetInt32();
        var communeReport = await ApiJson.OkAsync(await officerApi.GetAsync($"/api/v1/reports/{ReportOf(tree.C1)}"));
        await ApiJson.OkAsync(
            await officerApi.PostAsJsonAsync(
                $"/api/v1/reports/{ReportOf(tree.C1)}/steps",
                new { action = "Submit", version = communeReport.GetProperty("version").GetInt32() }
            )
        );

        // Work programs: the province's published one and the commune's draft concretizing it, with progress.
        var (p1Program, p1Item, c1Program, c1Item) = await app.WithDbAsync(async db =>
        {
            DanVan.Web.Features.Programs.WorkProgram Program(DanVan.Web.Features.Units.Unit unit, int? parent) =>
                new()
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    UnitLevel = unit.Level,
                    Year = today.Year,
                    Title = "Chương trình " + unit.Name,
                    ParentProgramId = parent,
                    Status = parent is null
                        ? DanVan.Web.Features.Programs.ProgramStatus.Published
                        : DanVan.Web.Features.Programs.ProgramStatus.Draft,
                    FirstApprovedOn = today,
                    PublishedOn = parent is null ? today : null,
                    SearchText = "chuong trinh",
                };
            var province = Program(tree.P1, null);
            db.WorkPrograms.Add(province);
            await db.SaveChangesAsync();
            var provinceItem = new DanVan.Web.Features.Programs.ProgramItem
            {
                ProgramId = province.Id,
                Order = 1,
                Task = "Nhiệm vụ",
            };
            province.StampOnto(provinceItem);
            db.ProgramItems.Add(provinceItem);
            var version = new DanVan.Web.Features.Programs.ProgramVersion
            {
                ProgramId = province.Id,
                Edition = 1,
                DecisionNumber = "01",
                DecisionDate = today,
                ApprovingBody = "Ban Thường vụ",
                Snapshot = """{"title":"Chương trình","bases":[],"items":[]}""",
                ApprovedByName = "system",
                ApprovedAt = DateTimeOffset.UtcNow,
            };
            province.StampOnto(version);
            db.ProgramVersions.Add(version);
            var commune = Program(tree.C1, province.Id);
            db.WorkPrograms.Add(commune);
            await db.SaveChangesAsync();
            var communeItem = new DanVan.Web.Features.Programs.ProgramItem
            {
                ProgramId = commune.Id,
                Order = 1,
                Task = "Cụ thể hóa",
                ParentProgramId = province.Id,
                ParentItemId = provinceItem.Id,
            };
            commune.StampOnto(communeItem);
            db.ProgramItems.Add(communeItem);
            await db.SaveChangesAsync();
            var progress = new DanVan.Web.Features.Programs.ProgramItemProgress
            {
                ItemId = communeItem.Id,
                ProgramId = commune.Id,
                On = today,
                Status = DanVan.Web.Features.Programs.ItemStatus.InProgress,
                Note = "Đang làm",
                ByName = "system",
                At = DateTimeOffset.UtcNow,
            };
            commune.StampOnto(progress);
            db.ProgramItemProgress.Add(progress);
            await db.SaveChangesAsync();
            return (province.Id, provinceItem.Id, commune.Id, communeItem.Id);
        });

        // Three cadres of C1, each with two posts (one ended), for the personnel officer's pages.
        var personnelAccount = await app.CreateAccountAsync(Role.PersonnelOfficer, tree.C1);
        using var personnelPages = await app.SignInAsync(personnelAccount);
        var personnelApi = await app.ApiClientAsync(personnelAccount);
        using var provincePersonnelPages = await app.SignInAsync(
            await app.CreateAccountAsync(Role.PersonnelOfficer, tree.P1)
        );
        var (cadre, cadrePosition) = await app.WithDbAsync(async db =>
        {
            var body = await db.Organizations.Where(o => o.UnitId == tree.C1.Id).Select(o => o.Id).FirstAsync();
            var made = new List<(int, int)>();
            foreach (var n in Enumerable.Range(1, 3))
            {
                var c = new DanVan.Web.Features.Personnel.Cadre
                {
                    UnitId = tree.C1.Id,
                    ProvinceId = tree.C1.ProvinceId,
                    CommuneId = tree.C1.CommuneId,
                    UnitLevel = tree.C1.Level,
                    FullName = $"Nguyễn Thị Đếm {n}",
                    BirthDate = new DateOnly(1980 + n, 1, 1),
                    Sex = DanVan.Web.Features.Personnel.Sex.Female,
                    TheoryLevel = DanVan.Web.Features.Personnel.TheoryLevel.Intermediate,
                    SearchText = $"nguyen thi dem {n}",
                    CreatedAt = DateTime.UtcNow,
                };
                db.Cadres.Add(c);
                await db.SaveChangesAsync();
                var current = new DanVan.Web.Features.Personnel.CadrePosition
                {
                    CadreId = c.Id,
                    OrganizationId = body,
                    Post = DanVan.Web.Features.Personnel.CadrePost.Specialist,
                    FullTime = true,
                    StartOn = today.AddYears(-1),
                    UnitLevel = tree.C1.Level,
                };
                c.StampOnto(current);
                var earlier = new DanVan.Web.Features.Personnel.CadrePosition
                {
                    CadreId = c.Id,
                    OrganizationId = body,
                    Post = DanVan.Web.Features.Personnel.CadrePost.Specialist,
                    FullTime = true,
                    StartOn = today.AddYears(-3),
                    EndOn = today.AddYears(-1).AddDays(-1),
                    UnitLevel = tree.C1.Level,
                };
                c.StampOnto(earlier);
                db.CadrePositions.AddRange(current, earlier);
                await db.SaveChangesAsync();
                made.Add((c.Id, current.Id));
            }

            return made[0];
        });

        // A course of P1 with the three cadres of C1 in it (one completed), and a course of C1.
        var (course, enrolment, communeCourse) = await app.WithDbAsync(async db =>
        {
            DanVan.Web.Features.Personnel.TrainingCourse Course(DanVan.Web.Features.Units.Unit at) =>
                new()
                {
                    UnitId = at.Id,
                    ProvinceId = at.ProvinceId,
                    CommuneId = at.CommuneId,
                    UnitLevel = at.Level,
                    Title = $"Lớp trung cấp lý luận {at.Code}",
                    Kind = DanVan.Web.Features.Personnel.TrainingKind.PoliticalTheory,
                    AwardsTheory = DanVan.Web.Features.Personnel.TheoryLevel.Intermediate,
                    StartsOn = today.AddMonths(-8),
                    EndsOn = today.AddMonths(-1),
                    CreatedAt = DateTime.UtcNow,
                };
            var province = Course(tree.P1);
            var commune = Course(tree.C1);
            db.TrainingCourses.AddRange(province, commune);
            await db.SaveChangesAsync();
            var rows = await db
                .Cadres.Where(c => c.CommuneId == tree.C1.Id)
                .Select(c => new DanVan.Web.Features.Personnel.TrainingEnrolment
                {
                    CourseId = province.Id,
                    CadreId = c.Id,
                    UnitId = c.UnitId,
                    ProvinceId = c.ProvinceId,
                    CommuneId = c.CommuneId,
                    UnitLevel = c.UnitLevel,
                    CourseEndsOn = province.EndsOn,
                    Status = DanVan.Web.Features.Personnel.EnrolmentStatus.Enrolled,
                })
                .ToListAsync();
            rows[0].Status = DanVan.Web.Features.Personnel.EnrolmentStatus.Completed;
            rows[0].CompletedOn = province.EndsOn;
            db.TrainingEnrolments.AddRange(rows);
            await db.SaveChangesAsync();
            return (province.Id, rows[1].Id, commune.Id);
        });

        // The cadre holds C1 with three visit reports; a body of C1 holds a group in V1.
        var provincePersonnelApi = await app.ApiClientAsync(
            await app.CreateAccountAsync(Role.PersonnelOfficer, tree.P1)
        );
        var responsibility = await app.WithDbAsync(async db =>
        {
            var body = await db.Organizations.Where(o => o.UnitId == tree.C1.Id).Select(o => o.Id).FirstAsync();
            var held = new DanVan.Web.Features.Personnel.Responsibility
            {
                UnitId = tree.C1.Id,
                ProvinceId = tree.C1.ProvinceId,
                CommuneId = tree.C1.CommuneId,
                UnitLevel = tree.C1.Level,
                HolderCadreId = cadre,
                FromOn = today.AddMonths(-3),
                LastVisitOn = today.AddDays(-1),
            };
            var group = new DanVan.Web.Features.Personnel.Responsibility
            {
                UnitId = tree.V1.Id,
                ProvinceId = tree.V1.ProvinceId,
                CommuneId = tree.V1.CommuneId,
                VillageId = tree.V1.VillageId,
                UnitLevel = tree.V1.Level,
                GroupName = "Hộ số 1–20",
                HolderOrganizationId = body,
                FromOn = today.AddMonths(-2),
            };
            db.Responsibilities.AddRange(held, group);
            await db.SaveChangesAsync();
            foreach (var n in Enumerable.Range(1, 3))
            {
                db.ResponsibilityVisits.Add(
                    new DanVan.Web.Features.Personnel.ResponsibilityVisit
                    {
                        ResponsibilityId = held.Id,
                        UnitId = held.UnitId,
                        ProvinceId = held.ProvinceId,
                        CommuneId = held.CommuneId,
                        UnitLevel = held.UnitLevel,
                        VisitedOn = today.AddDays(-n),
                        Done = $"Dự sinh hoạt chi bộ {n}",
                        Issues = "Đường ngõ xóm xuống cấp",
                    }
                );
            }

            await db.SaveChangesAsync();
            return held.Id;
        });

        using var provinceOfficerPages = await app.SignInAsync(await app.CreateAccountAsync(Role.Officer, tree.P1));
        // A conference of P1 with two communes, the model presented and a commitment of C2 to replicate it.
        var conference = await app.WithDbAsync(async db =>
        {
            var c = new DanVan.Web.Features.Programs.ThematicConference
            {
                UnitId = tree.P1.Id,
                ProvinceId = tree.P1.ProvinceId,
                UnitLevel = tree.P1.Level,
                Type = DanVan.Web.Features.Programs.ConferenceType.SkilledMobilization,
                Title = "Hội nghị Dân vận khéo",
                HeldOn = today,
                SearchText = "hoi nghi dan van kheo",
            };
            db.Conferences.Add(c);
            await db.SaveChangesAsync();
            foreach (var unit in new[] { tree.C1, tree.C2 })
            {
                var row = new DanVan.Web.Features.Programs.ConferenceUnit
                {
                    ConferenceId = c.Id,
                    ParticipantId = unit.Id,
                };
                c.StampOnto(row);
                db.ConferenceUnits.Add(row);
            }

            var presented = new DanVan.Web.Features.Programs.ConferenceModel { ConferenceId = c.Id, ModelId = modelId };
            c.StampOnto(presented);
            db.ConferenceModels.Add(presented);
            db.ConferenceCommitments.Add(
                new DanVan.Web.Features.Programs.ConferenceCommitment
                {
                    ConferenceId = c.Id,
                    UnitId = tree.C2.Id,
                    ProvinceId = tree.C2.ProvinceId,
                    CommuneId = tree.C2.CommuneId,
                    UnitLevel = tree.C2.Level,
                    ModelId = modelId,
                    DueOn = today.AddMonths(6),
                }
            );
            await db.SaveChangesAsync();
            return c.Id;
        });

        var failures = new List<string>();
        foreach (
            var (client, path) in new (HttpClient, string)[]
            {
                (pages.Http, "/campaigns"),
                (pages.Http, $"/campaigns?unitId={tree.P1.Id}&q=dem+cau&status=Running&year={today.Year}"),
                (pages.Http, $"/campaigns/{campaign}"),
                (managerPages.Http, $"/campaigns/new?unitId={tree.P1.Id}"),
                (managerPages.Http, $"/campaigns/{campaign}/edit"),
                (managerPages.Http, $"/campaigns/{campaign}/indicators/new"),
                (managerPages.Http, $"/campaigns/{campaign}/indicators/{indicatorId}/edit"),
                (managerPages.Http, $"/campaigns/{campaign}/targets"),
                (managerPages.Http, $"/campaigns/{campaign}/targets?indicatorId={indicatorId}&unitId={tree.C1.Id}"),
                (managerPages.Http, "/"),
                (officerPages.Http, "/"),
                (officerPages.Http, $"/campaigns/{campaign}"),
                (officerPages.Http, $"/campaigns/{campaign}/documents/{documentId}"),
                (managerApi, $"/api/v1/campaigns/{campaign}/documents/{documentId}"),
                (api, "/api/v1/campaigns"),
                (api, "/api/v1/campaigns?q=dem&status=Planned"),
                (api, c),
                (api, $"{c}/indicators"),
                (api, $"{c}/progress"),
                (api, $"{c}/progress?indicatorId={apiIndicatorId}&unitId={tree.C1.Id}"),
                (api, $"{c}/entries"),
                (api, $"{c}/entries?unitId={tree.C1.Id}&date={Day(-2)}"),
                (officerApi, $"{c}/entries?frequency=Weekly"),
                (api, $"{c}/targets?indicatorId={apiIndicatorId}"),
                (api, $"{c}/figures"),
                (api, $"{c}/figures?indicatorId={apiIndicatorId}&unitId={tree.V1.Id}&from={Day(-2)}"),
                (api, $"{c}/figures/history?unitId={tree.V1.Id}&indicatorId={apiIndicatorId}&period={Day(-1)}"),
                (pages.Http, $"/campaigns/{gridCampaignId}/entries"),
                (gridOfficerPages.Http, $"/campaigns/{gridCampaignId}/entries?unitId={tree.C1.Id}&date={day}"),
                (gridOfficerPages.Http, $"/campaigns/{gridCampaignId}/entries?frequency=Weekly"),
                (pages.Http, $"/campaigns/{gridCampaignId}/missing?date={day}"),
                (gridOfficerPages.Http, $"/campaigns/{gridCampaignId}/missing?unitId={tree.C1.Id}"),
                (
                    pages.Http,
                    $"/campaigns/{gridCampaignId}/entries/history?unitId={tree.V1.Id}&indicatorId={graves}&period={day}"
                ),
                (gridOfficerPages.Http, $"/campaigns/{gridCampaignId}/import"),
                (gridOfficerPages.Http, $"/campaigns/{gridCampaignId}/template.xlsx?date={day}"),
                (api, $"/api/v1/campaigns/{gridCampaignId}/missing"),
                (api, $"/api/v1/campaigns/{gridCampaignId}/template?unitId={tree.C1.Id}"),
                (api, $"/api/v1/campaigns/{gridCampaignId}/entries?unitId={tree.C1.Id}"),
                (pages.Http, "/"),
                (pages.Http, "/units"),
                (pages.Http, $"/units?q=dong"),
                (pages.Http, $"/units/{tree.C1.Id}"),
                (pages.Http, $"/units/{tree.C1.Id}/dashboard"),
                (pages.Http, $"/units/{tree.P1.Id}/dashboard?period=year"),
                (pages.Http, $"/units/{tree.V1.Id}/dashboard?period=custom&from=2025-01&to=2026-06"),
                (pages.Http, $"/units/{tree.V1.Id}/edit"),
                (pages.Http, "/organizations"),
                (pages.Http, $"/organizations/{orgId}/edit"),
                (pages.Http, "/accounts"),
                (pages.Http, $"/accounts/{admin.Id}"),
                (pages.Http, "/audit"),
                (pages.Http, "/account"),
                (pages.Http, "/account/tokens"),
                (api, "/api/v1/units"),
                (api, $"/api/v1/units/{tree.C1.Id}"),
                (api, "/api/v1/organizations"),
                (api, $"/api/v1/organizations/{orgId}"),
                (api, "/api/v1/accounts"),
                (api, $"/api/v1/accounts/{admin.Id}"),
                (api, "/api/v1/me"),
                (pages.Http, "/models"),
                (pages.Http, $"/models?unitId={tree.C1.Id}&q=dem&status=Registered"),
                (pages.Http, $"/models/{modelId}"),
                (api, "/api/v1/models"),
                (api, $"/api/v1/models/{modelId}"),
                (api, "/api/v1/statistics?period=year"),
                (api, "/api/v1/model-fields"),
                (pages.Http, "/library"),
                (pages.Http, "/library?q=dan+van&kind=Model"),
                (api, $"/api/v1/models/{modelId}/replications"),
                (api, $"/api/v1/models/{modelId}/evaluations"),
                (pages.Http, "/models/reviews"),
                (api, "/api/v1/model-reviews"),
                (api, "/api/v1/rubrics"),
                (pages.Http, "/notifications"),
                (api, "/api/v1/notifications"),
                (api, "/api/v1/notifications?unreadOnly=true"),
                (pages.Http, "/dialogues"),
                (pages.Http, $"/dialogues?unitId={tree.C1.Id}&upcoming=true"),
                (pages.Http, $"/dialogues/{dialogueId}"),
                (pages.Http, "/dialogues/reception"),
                (pages.Http, "/petitions"),
                (pages.Http, $"/petitions?unitId={tree.C1.Id}&overdue=true&q=duong"),
                (pages.Http, $"/petitions/{petitionIds[1]}"),
                (pages.Http, "/petitions/dashboard"),
                (pages.Http, "/track"),
                (api, "/api/v1/dialogues"),
                (api, $"/api/v1/dialogues/{dialogueId}"),
                (api, "/api/v1/dialogues/reception"),
                (api, "/api/v1/petitions"),
                (api, $"/api/v1/petitions/{petitionIds[1]}"),
                (api, "/api/v1/petitions/dashboard"),
                (api, "/api/v1/petitions/categories"),
                (api, "/api/v1/petitions/calendar"),
                (pages.Http, "/programs"),
                (pages.Http, $"/programs?unitId={tree.C1.Id}&status=Draft&q=chuong"),
                (pages.Http, $"/programs/{p1Program}"),
                (pages.Http, $"/programs/{p1Program}/coverage"),
                (pages.Http, $"/programs/{p1Program}/items/{p1Item}"),
                (pages.Http, $"/programs/{p1Program}/versions/1"),
                (officerPages.Http, $"/programs/{c1Program}"),
                (officerPages.Http, $"/programs/{c1Program}/edit"),
                (officerPages.Http, $"/programs/new?unitId={tree.C1.Id}"),
                (officerPages.Http, $"/programs/{c1Program}/items/new"),
                (officerPages.Http, $"/programs/{c1Program}/items/{c1Item}/edit"),
                (officerPages.Http, $"/programs/{c1Program}/items/{c1Item}"),
                (api, "/api/v1/programs"),
                (api, $"/api/v1/programs/{p1Program}"),
                (api, $"/api/v1/programs/{p1Program}/coverage"),
                (api, $"/api/v1/programs/{p1Program}/versions/1"),
                (pages.Http, "/conferences"),
                (pages.Http, $"/conferences?type=SkilledMobilization&year={today.Year}&q=dan+van"),
                (pages.Http, $"/conferences/{conference}"),
                (provinceOfficerPages.Http, $"/conferences/{conference}/edit"),
                (provinceOfficerPages.Http, $"/conferences/new?unitId={tree.P1.Id}"),
                (api, "/api/v1/conferences"),
                (api, $"/api/v1/conferences/{conference}"),
                (personnelPages.Http, "/cadres"),
                (personnelPages.Http, "/cadres?theory=Intermediate&serving=true"),
                (personnelPages.Http, $"/cadres/{cadre}"),
                (personnelPages.Http, $"/cadres/{cadre}/edit"),
                (personnelPages.Http, $"/cadres/new?unitId={tree.C1.Id}"),
                (personnelPages.Http, $"/cadres/{cadre}/positions/new"),
                (personnelPages.Http, $"/cadres/{cadre}/positions/{cadrePosition}/edit"),
                (personnelApi, "/api/v1/cadres"),
                (personnelApi, $"/api/v1/cadres/{cadre}"),
                (pages.Http, $"/staffing?unitId={tree.P1.Id}&year={today.Year}"),
                (pages.Http, $"/staffing?unitId={tree.C1.Id}&year=2030"),
                (provincePersonnelPages.Http, $"/staffing/{tree.C1.Id}/{today.Year}/quota"),
                (api, $"/api/v1/staffing?unitId={tree.P1.Id}"),
                (api, $"/api/v1/staffing/years?unitId={tree.P1.Id}"),
                (provincePersonnelPages.Http, "/responsibilities"),
                (provincePersonnelPages.Http, $"/responsibilities?unitId={tree.C1.Id}&days=60"),
                (provincePersonnelPages.Http, $"/responsibilities/{responsibility}"),
                (provincePersonnelPages.Http, $"/responsibilities/{responsibility}/edit"),
                (provincePersonnelPages.Http, $"/responsibilities/new?unit={tree.C1.Id}"),
                (provincePersonnelPages.Http, $"/units/{tree.C1.Id}"),
                (personnelPages.Http, $"/units/{tree.V1.Id}"),
                (provincePersonnelApi, "/api/v1/responsibilities"),
                (provincePersonnelApi, $"/api/v1/responsibilities?unitId={tree.C1.Id}&current=true"),
                (provincePersonnelApi, $"/api/v1/responsibilities/coverage?unitId={tree.P1.Id}&days=60"),
                (provincePersonnelApi, $"/api/v1/responsibilities/{responsibility}"),
                (personnelPages.Http, "/training"),
                (personnelPages.Http, $"/training?year={today.Year}"),
                (personnelPages.Http, $"/training/{course}"),
                (personnelPages.Http, $"/training/{course}/enrolments/{enrolment}"),
                (personnelPages.Http, "/training/new"),
                (personnelPages.Http, $"/training/{communeCourse}/edit"),
                (provincePersonnelPages.Http, $"/training/{course}"),
                (personnelApi, "/api/v1/training"),
                (personnelApi, $"/api/v1/training/{course}"),
                (pages.Http, "/reports"),
                (pages.Http, $"/reports/rounds/{roundId}"),
                (pages.Http, $"/reports/rounds/{roundId}?show=missing"),
                (pages.Http, $"/reports/{ReportOf(tree.P1)}"),
                (pages.Http, $"/reports/{ReportOf(tree.C1)}"),
                (officerPages.Http, $"/reports/{ReportOf(tree.C1)}"),
                (managerPages.Http, $"/reports/{ReportOf(tree.P1)}/edit"),
                (api, "/api/v1/reports/rounds"),
                (api, $"/api/v1/reports/rounds/{roundId}"),
                (api, $"/api/v1/reports/{ReportOf(tree.P1)}"),
                (officerApi, $"/api/v1/reports/{ReportOf(tree.C1)}"),
            }
        )
        {
            app.Counter.Reset();
            var response = await client.GetAsync(path);
            Assert.True(
                response.IsSuccessStatusCode,
                $"{path}: {(int)response.StatusCode} {response.Headers.Location} {string.Join("\n", app.Log.Errors)}"
            );
            if (app.Counter.Count > Limit)
            {
                failures.Add(
                    $"{path}: {app.Counter.Count} statements\n    "
                        + string.Join("\n    ", app.Counter.Texts.Select(t => t.Split('\n')[0]))
                );
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
