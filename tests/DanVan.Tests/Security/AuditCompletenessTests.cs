using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Accounts;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using DanVan.Web.Infrastructure.Imports;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests.Security;

/// <summary>
/// QUALITY.md S8: every entity type of the model leaves an audit record when created, changed and deleted,
/// naming the entity, its id, the actor and the values before and after, with secrets redacted. A new entity
/// type without an entry below fails the first test.
/// </summary>
public sealed class AuditCompletenessTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    /// <summary>How to make an entity and change it; <see cref="Change"/> is null for a row that is only its key (a
    /// link).</summary>
    private sealed record Exerciser(Func<DanVanDbContext, Task<object>> Create, Action<object>? Change);

    private Dictionary<Type, Exerciser> Exercisers()
    {
        var tree = app.Tree;
        int? accountId = null;
        async Task<int> AccountAsync(DanVanDbContext db)
        {
            accountId ??= (await app.CreateAccountAsync(Role.Viewer, tree.C1)).Id;
            return accountId.Value;
        }

        return new()
        {
            [typeof(Unit)] = new(
                async db =>
                {
                    var unit = new Unit
                    {
                        Code = "AUD-" + Guid.NewGuid().ToString("N")[..6],
                        Name = "Thôn Kiểm Toán",
                        Kind = UnitKind.Village,
                        ValidFrom = new DateOnly(2026, 1, 1),
                        SearchText = "thon kiem toan",
                    };
                    UnitRules.PlaceUnder(unit, tree.C1);
                    return await Task.FromResult<object>(unit);
                },
                e => ((Unit)e).Name = "Thôn Kiểm Toán Mới"
            ),
            [typeof(Organization)] = new(
                db =>
                    Task.FromResult<object>(
                        new Organization
                        {
                            UnitId = tree.C1.Id,
                            ProvinceId = tree.C1.ProvinceId,
                            CommuneId = tree.C1.CommuneId,
                            Type = OrganizationType.Other,
                            Name = "Tổ kiểm toán",
                        }
                    ),
                e => ((Organization)e).Name = "Tổ kiểm toán mới"
            ),
            [typeof(MobilizationModel)] = new(
                async db => await NewModelAsync(db),
                e => ((MobilizationModel)e).Name = "Mô hình kiểm toán mới"
            ),
            [typeof(ModelEvent)] = new(
                async db =>
                {
                    var model = await SavedModelAsync(db);
                    var e = new ModelEvent
                    {
                        ModelId = model.Id,
                        Action = ModelAction.Launch,
                        From = ModelStatus.Registered,
                        To = ModelStatus.Launched,
                        ActorName = "system",
                        At = DateTime.UtcNow,
                    };
                    model.Stamp(e);
                    return e;
                },
                e => ((ModelEvent)e).Note = "Ghi chú mới"
            ),
            [typeof(ModelResult)] = new(
                async db =>
                {
                    var model = await SavedModelAsync(db);
                    var r = new ModelResult
                    {
                        ModelId = model.Id,
                        IndicatorId = await db.ResultIndicators.Select(i => i.Id).FirstAsync(),
                        Year = 2026,
                        Actual = 5,
                    };
                    model.Stamp(r);
                    return r;
                },
                e => ((ModelResult)e).Actual = 6
            ),
            [typeof(ModelReplication)] = new(
                async db =>
                {
                    var model = await SavedModelAsync(db);
                    return new ModelReplication
                    {
                        SourceModelId = model.Id,
                        UnitId = tree.C2.Id,
                        ProvinceId = tree.C2.ProvinceId,
                        CommuneId = tree.C2.CommuneId,
                        UnitLevel = tree.C2.Level,
                        OrganizationId = await db
                            .Organizations.Where(o => o.UnitId == tree.C2.Id)
                            .Select(o => o.Id)
                            .FirstAsync(),
                        StartDate = new DateOnly(2026, 5, 1),
                        Adaptations = "Điều chỉnh",
                    };
                },
                e => ((ModelReplication)e).Adaptations = "Điều chỉnh mới"
            ),
            [typeof(Rubric)] = new(
                db =>
                    Task.FromResult<object>(
                        new Rubric
                        {
                            Code = "audit-" + Guid.NewGuid().ToString("N")[..6],
                            Version = 1,
                            Target = RubricTarget.Collective,
                            Name = "Bộ tiêu chí kiểm toán",
                            PassMark = 50,
                        }
                    ),
                e => ((Rubric)e).Name = "Bộ tiêu chí kiểm toán mới"
            ),
            [typeof(RubricCriterion)] = new(
                async db => new RubricCriterion
                {
                    RubricId = await db.Rubrics.Select(r => r.Id).FirstAsync(),
                    Order = 99,
                    Text = "Tiêu chí",
                    TextEn = "Criterion",
                    TextDe = "Kriterium",
                    Weight = 1,
                    MaxScore = 10,
                },
                e => ((RubricCriterion)e).Weight = 2
            ),
            [typeof(ModelEvaluation)] = new(
                async db =>
                {
                    var model = await SavedModelAsync(db);
                    var e = new ModelEvaluation
                    {
                        ModelId = model.Id,
                        RubricId = await db.Rubrics.Select(r => r.Id).FirstAsync(),
                        EvaluatorName = "system",
                        Total = 80,
                        Passed = true,
                    };
                    model.Stamp(e);
                    return e;
                },
                e => ((ModelEvaluation)e).Note = "Ghi chú"
            ),
            [typeof(EvaluationScore)] = new(
                async db =>
                {
                    var model = await SavedModelAsync(db);
                    var rubric = await db.Rubrics.Include(r => r.Criteria).FirstAsync();
                    var e = new ModelEvaluation
                    {
                        ModelId = model.Id,
                        RubricId = rubric.Id,
                        EvaluatorName = "system",
                        Total = 80,
                        Passed = true,
                    };
                    model.Stamp(e);
                    db.ModelEvaluations.Add(e);
                    await db.SaveChangesAsync();
                    return new EvaluationScore
                    {
                        EvaluationId = e.Id,
                        CriterionId = rubric.Criteria[0].Id,
                        Score = 5,
                    };
                },
                e => ((EvaluationScore)e).Score = 6
            ),
            [typeof(ModelReview)] = new(
                db =>
                    Task.FromResult<object>(
                        new ModelReview
                        {
                            UnitId = tree.C1.Id,
                            ProvinceId = tree.C1.ProvinceId,
                            CommuneId = tree.C1.CommuneId,
                            UnitLevel = tree.C1.Level,
                            FromYear = 2000 + Random.Shared.Next(10, 90),
                            ToYear = 2099,
                        }
                    ),
                e => ((ModelReview)e).Conclusion = "Kết luận"
            ),
            [typeof(ModelReviewItem)] = new(
                async db =>
                {
                    var model = await SavedModelAsync(db);
                    var review = new ModelReview
                    {
                        UnitId = tree.C1.Id,
                        ProvinceId = tree.C1.ProvinceId,
                        CommuneId = tree.C1.CommuneId,
                        UnitLevel = tree.C1.Level,
                        FromYear = 2001,
                        ToYear = 2001 + Random.Shared.Next(1, 90),
                    };
                    db.ModelReviews.Add(review);
                    await db.SaveChangesAsync();
                    return new ModelReviewItem
                    {
                        ReviewId = review.Id,
                        ModelId = model.Id,
                        Classification = ReviewClassification.Maintain,
                    };
                },
                e => ((ModelReviewItem)e).Note = "Ghi chú"
            ),
            [typeof(ModelField)] = new(
                db =>
                    Task.FromResult<object>(
                        new ModelField
                        {
                            Code = "audit-field",
                            Name = "Lĩnh vực kiểm toán",
                            NameEn = "Audit",
                            NameDe = "Prüfung",
                        }
                    ),
                e => ((ModelField)e).Name = "Lĩnh vực kiểm toán mới"
            ),
            [typeof(ResultIndicator)] = new(
                db =>
                    Task.FromResult<object>(
                        new ResultIndicator
                        {
                            Code = "audit-indicator",
                            Name = "Chỉ tiêu kiểm toán",
                            NameEn = "Audit",
                            NameDe = "Prüfung",
                            Measure = "cái",
                            MeasureEn = "items",
                            MeasureDe = "Stück",
                        }
                    ),
                e => ((ResultIndicator)e).Name = "Chỉ tiêu kiểm toán mới"
            ),
            [typeof(Account)] = new(
                db =>
                    Task.FromResult<object>(
                        new Account
                        {
                            UserName = "audit@test.danvan",
                            NormalizedUserName = "AUDIT@TEST.DANVAN",
                            Email = "audit@test.danvan",
                            DisplayName = "Kiểm toán",
                            HomeUnitId = tree.C1.Id,
                            ProvinceId = tree.C1.ProvinceId,
                            CommuneId = tree.C1.CommuneId,
                            PasswordHash = "secret-hash",
                            SecurityStamp = "stamp",
                        }
                    ),
                e => ((Account)e).DisplayName = "Kiểm toán viên"
            ),
            [typeof(Assignment)] = new(
                async db => new Assignment
                {
                    AccountId = await AccountAsync(db),
                    UnitId = tree.V1.Id,
                    ProvinceId = tree.V1.ProvinceId,
                    CommuneId = tree.V1.CommuneId,
                    VillageId = tree.V1.VillageId,
                    Role = Role.Viewer,
                },
                e => ((Assignment)e).Role = Role.Officer
            ),
            [typeof(Notification)] = new(
                async db => new Notification
                {
                    AccountId = await AccountAsync(db),
                    Kind = NotificationKind.PetitionOverdue,
                    Subject = "KN-2026-0001 Đường làng ngập nước",
                    Link = "/petitions/1",
                    CreatedAt = DateTime.UtcNow,
                },
                e => ((Notification)e).ReadAt = DateTime.UtcNow
            ),
            [typeof(ApiToken)] = new(
                async db => new ApiToken
                {
                    AccountId = await AccountAsync(db),
                    Name = "audit",
                    TokenHash = new string('a', 64),
                    Prefix = "dv_aaaaaaa",
                },
                e => ((ApiToken)e).Name = "audit-renamed"
            ),
            [typeof(StagedUpload)] = new(
                async db => new StagedUpload
                {
                    Id = Guid.NewGuid(),
                    AccountId = await AccountAsync(db),
                    Purpose = "units",
                    FileName = "a.csv",
                    Content = [1, 2, 3],
                },
                e => ((StagedUpload)e).FileName = "b.csv"
            ),
            [typeof(DanVan.Web.Infrastructure.Exports.ExportJob)] = new(
                async db => new DanVan.Web.Infrastructure.Exports.ExportJob
                {
                    Id = Guid.NewGuid(),
                    AccountId = await AccountAsync(db),
                    Endpoint = "ExportUnits",
                    Path = "/units/export",
                    Query = "format=csv",
                    CreatedAt = DateTime.UtcNow,
                },
                e => ((DanVan.Web.Infrastructure.Exports.ExportJob)e).Rows = 10
            ),
            [typeof(DanVan.Web.Infrastructure.Exports.ExportJobChunk)] = new(
                async db =>
                {
                    var job = new DanVan.Web.Infrastructure.Exports.ExportJob
                    {
                        Id = Guid.NewGuid(),
                        AccountId = await AccountAsync(db),
                        Endpoint = "ExportUnits",
                        Path = "/units/export",
                        Query = "format=csv",
                        CreatedAt = DateTime.UtcNow,
                    };
                    db.ExportJobs.Add(job);
                    await db.SaveChangesAsync();
                    return new DanVan.Web.Infrastructure.Exports.ExportJobChunk
                    {
                        JobId = job.Id,
                        Sequence = 0,
                        Content = [1, 2, 3],
                    };
                },
                e => ((DanVan.Web.Infrastructure.Exports.ExportJobChunk)e).Content = [4, 5]
            ),
            [typeof(ProcessedRequest)] = new(
                db =>
                    Task.FromResult<object>(
                        new ProcessedRequest
                        {
                            Key = "audit-" + Guid.NewGuid(),
                            EntityType = "Unit",
                            EntityId = "1",
                        }
                    ),
                e => ((ProcessedRequest)e).EntityId = "2"
            ),
            [typeof(IdempotentRequest)] = new(
                async db => new IdempotentRequest
                {
                    Key = "audit-" + Guid.NewGuid().ToString("N"),
                    AccountId = await AccountAsync(db),
                    RequestHash = new string('b', 64),
                    Body = "{\"receipt\":\"secret\"}"u8.ToArray(),
                    CreatedAt = DateTime.UtcNow,
                },
                e => ((IdempotentRequest)e).Status = 201
            ),
            [typeof(DanVan.Web.Infrastructure.Jobs.JobLease)] = new(
                db =>
                    Task.FromResult<object>(
                        new DanVan.Web.Infrastructure.Jobs.JobLease { Name = "audit-" + Guid.NewGuid().ToString("N") }
                    ),
                e => ((DanVan.Web.Infrastructure.Jobs.JobLease)e).Runs = 3
            ),
            [typeof(DataProtectionKey)] = new(
                db =>
                    Task.FromResult<object>(
                        new DataProtectionKey { FriendlyName = "audit", Xml = "<key>secret</key>" }
                    ),
                e => ((DataProtectionKey)e).FriendlyName = "audit-2"
            ),
            [typeof(IdentityUserClaim<int>)] = new(
                async db => new IdentityUserClaim<int>
                {
                    UserId = await AccountAsync(db),
                    ClaimType = "audit",
                    ClaimValue = "1",
                },
                e => ((IdentityUserClaim<int>)e).ClaimValue = "2"
            ),
            [typeof(IdentityUserLogin<int>)] = new(
                async db => new IdentityUserLogin<int>
                {
                    UserId = await AccountAsync(db),
                    LoginProvider = "audit",
                    ProviderKey = Guid.NewGuid().ToString(),
                    ProviderDisplayName = "A",
                },
                e => ((IdentityUserLogin<int>)e).ProviderDisplayName = "B"
            ),
            [typeof(IdentityUserToken<int>)] = new(
                async db => new IdentityUserToken<int>
                {
                    UserId = await AccountAsync(db),
                    LoginProvider = "audit",
                    Name = Guid.NewGuid().ToString(),
                    Value = "totp-secret",
                },
                e => ((IdentityUserToken<int>)e).Value = "totp-secret-2"
            ),
            [typeof(DanVan.Web.Features.Dialogues.DialogueSession)] = new(
                db =>
                {
                    var d = new DanVan.Web.Features.Dialogues.DialogueSession
                    {
                        UnitId = tree.C1.Id,
                        ProvinceId = tree.C1.ProvinceId,
                        CommuneId = tree.C1.CommuneId,
                        UnitLevel = tree.C1.Level,
                        Type = DanVan.Web.Features.Dialogues.DialogueType.DialogueConference,
                        HeldOn = new DateOnly(2026, 6, 1),
                        Topic = "Đối thoại kiểm toán",
                        ChairName = "Chủ trì",
                        AttendanceList = "Người Kiểm Toán, 0987 654 321",
                        SearchText = "doi thoai",
                        CreatedAt = DateTime.UtcNow,
                    };
                    return Task.FromResult<object>(d);
                },
                e => ((DanVan.Web.Features.Dialogues.DialogueSession)e).Topic = "Đối thoại kiểm toán mới"
            ),
            [typeof(DanVan.Web.Features.Petitions.Petition)] = new(
                async db => await NewPetitionAsync(db),
                e => ((DanVan.Web.Features.Petitions.Petition)e).Title = "Kiến nghị kiểm toán mới"
            ),
            [typeof(DanVan.Web.Features.Petitions.PetitionEvent)] = new(
                async db =>
                {
                    var petition = await NewPetitionAsync(db);
                    db.Petitions.Add(petition);
                    await db.SaveChangesAsync();
                    return DanVan.Web.Features.Petitions.PetitionSteps.EventOf(
                        petition,
                        DanVan.Web.Features.Petitions.PetitionAction.Receive,
                        petition.Status,
                        new DateOnly(2026, 6, 1),
                        "0987 654 321",
                        null,
                        DateTime.UtcNow
                    );
                },
                e => ((DanVan.Web.Features.Petitions.PetitionEvent)e).IsPublic = false
            ),
            [typeof(DanVan.Web.Features.Petitions.PetitionCategory)] = new(
                db =>
                    Task.FromResult<object>(
                        new DanVan.Web.Features.Petitions.PetitionCategory
                        {
                            Code = "audit-category",
                            Name = "Lĩnh vực kiểm toán",
                            NameEn = "Audit",
                            NameDe = "Prüfung",
                        }
                    ),
                e => ((DanVan.Web.Features.Petitions.PetitionCategory)e).ResponseDays = 15
            ),
            [typeof(DanVan.Web.Features.Petitions.CalendarDay)] = new(
                db =>
                    Task.FromResult<object>(
                        new DanVan.Web.Features.Petitions.CalendarDay
                        {
                            Date = new DateOnly(2032, 2, 2),
                            Name = "Ngày kiểm toán",
                        }
                    ),
                e => ((DanVan.Web.Features.Petitions.CalendarDay)e).Name = "Ngày kiểm toán mới"
            ),
            [typeof(DanVan.Web.Features.Documents.CaseDocument)] = new(
                db => Task.FromResult<object>(NewDocument()),
                e => ((DanVan.Web.Features.Documents.CaseDocument)e).Caption = "Biên bản đã ký"
            ),
            [typeof(DanVan.Web.Features.Documents.CaseDocumentContent)] = new(
                async db =>
                {
                    var document = NewDocument();
                    db.CaseDocuments.Add(document);
                    await db.SaveChangesAsync();
                    return new DanVan.Web.Features.Documents.CaseDocumentContent
                    {
                        DocumentId = document.Id,
                        Bytes = [1, 2, 3],
                    };
                },
                e => ((DanVan.Web.Features.Documents.CaseDocumentContent)e).Bytes = [4, 5, 6]
            ),
            [typeof(Campaign)] = new(
                db => Task.FromResult<object>(NewCampaign()),
                e => ((Campaign)e).Name = "Phong trào kiểm toán mới"
            ),
            [typeof(CampaignParticipant)] = new(
                async db => new CampaignParticipant
                {
                    CampaignId = (await SavedCampaignAsync(db)).Id,
                    UnitId = tree.V1.Id,
                    ProvinceId = tree.V1.ProvinceId,
                    CommuneId = tree.V1.CommuneId,
                    VillageId = tree.V1.VillageId,
                },
                e =>
                {
                    var p = (CampaignParticipant)e;
                    (p.UnitId, p.VillageId) = (tree.V2.Id, tree.V2.VillageId);
                }
            ),
            [typeof(CampaignModel)] = new(
                async db => new CampaignModel
                {
                    CampaignId = (await SavedCampaignAsync(db)).Id,
                    ModelId = (await SavedModelAsync(db)).Id,
                },
                null
            ),
            [typeof(Indicator)] = new(
                async db => NewIndicator((await SavedCampaignAsync(db)).Id),
                e => ((Indicator)e).Name = "Chỉ tiêu kiểm toán mới"
            ),
            [typeof(IndicatorTarget)] = new(
                async db =>
                {
                    var indicator = await SavedIndicatorAsync(db);
                    return new IndicatorTarget
                    {
                        CampaignId = indicator.CampaignId,
                        IndicatorId = indicator.Id,
                        UnitId = tree.V1.Id,
                        ProvinceId = tree.V1.ProvinceId,
                        CommuneId = tree.V1.CommuneId,
                        VillageId = tree.V1.VillageId,
                        Value = 40,
                        Version = 1,
                    };
                },
                e => ((IndicatorTarget)e).Value = 45
            ),
            [typeof(DanVan.Web.Features.Reports.ReportingRound)] = new(
                db => Task.FromResult<object>(NewRound()),
                e => ((DanVan.Web.Features.Reports.ReportingRound)e).DueOn = new DateOnly(2031, 2, 20)
            ),
            [typeof(DanVan.Web.Features.Reports.UnitReport)] = new(
                async db => NewReport((await SavedRoundAsync(db)).Id),
                e => ((DanVan.Web.Features.Reports.UnitReport)e).SignerName = "Người Ký Mới"
            ),
            [typeof(DanVan.Web.Features.Reports.ReportSection)] = new(
                async db =>
                {
                    var report = await SavedReportAsync(db);
                    var section = new DanVan.Web.Features.Reports.ReportSection
                    {
                        ReportId = report.Id,
                        Key = "leadership",
                        Title = "Công tác lãnh đạo",
                    };
                    report.StampOnto(section);
                    return section;
                },
                e => ((DanVan.Web.Features.Reports.ReportSection)e).Text = "Nội dung kiểm toán"
            ),
            [typeof(DanVan.Web.Features.Reports.ReportFigure)] = new(
                async db =>
                {
                    var report = await SavedReportAsync(db);
                    var figure = new DanVan.Web.Features.Reports.ReportFigure
                    {
                        ReportId = report.Id,
                        Key = "dialogues.sessions",
                        Value = 3,
                    };
                    report.StampOnto(figure);
                    return figure;
                },
                e => ((DanVan.Web.Features.Reports.ReportFigure)e).Value = 4
            ),
            [typeof(DanVan.Web.Features.Reports.ReportEvent)] = new(
                async db =>
                {
                    var report = await SavedReportAsync(db);
                    var step = new DanVan.Web.Features.Reports.ReportEvent
                    {
                        ReportId = report.Id,
                        Action = DanVan.Web.Features.Reports.ReportAction.Submit,
                        From = DanVan.Web.Features.Reports.ReportStatus.Draft,
                        To = DanVan.Web.Features.Reports.ReportStatus.Submitted,
                        ByName = "system",
                        At = DateTimeOffset.UtcNow,
                    };
                    report.StampOnto(step);
                    return step;
                },
                e => ((DanVan.Web.Features.Reports.ReportEvent)e).Reason = "Sửa lý do"
            ),
            [typeof(DanVan.Web.Features.Reports.ReportTemplateSetting)] = new(
                db =>
                    Task.FromResult<object>(
                        new DanVan.Web.Features.Reports.ReportTemplateSetting
                        {
                            UnitId = tree.P1.Id,
                            Kind = DanVan.Web.Features.Statistics.PeriodKind.Year,
                            Sections = """[{"key":"s1","title":"Kết quả","figures":[]}]""",
                            UpdatedAt = DateTimeOffset.UtcNow,
                        }
                    ),
                e => ((DanVan.Web.Features.Reports.ReportTemplateSetting)e).DueDay = 20
            ),
            [typeof(DanVan.Web.Features.Programs.WorkProgram)] = new(
                db => Task.FromResult<object>(NewProgram()),
                e => ((DanVan.Web.Features.Programs.WorkProgram)e).Title = "Chương trình mới"
            ),
            [typeof(DanVan.Web.Features.Programs.ProgramBasis)] = new(
                async db =>
                {
                    var program = await SavedProgramAsync(db);
                    var basis = new DanVan.Web.Features.Programs.ProgramBasis
                    {
                        ProgramId = program.Id,
                        Order = 1,
                        Number = "Chỉ thị số 49-CT/TW",
                    };
                    program.StampOnto(basis);
                    return basis;
                },
                e => ((DanVan.Web.Features.Programs.ProgramBasis)e).Issuer = "Ban Bí thư"
            ),
            [typeof(DanVan.Web.Features.Programs.ProgramItem)] = new(
                async db => NewProgramItem(await SavedProgramAsync(db)),
                e => ((DanVan.Web.Features.Programs.ProgramItem)e).Task = "Nhiệm vụ mới"
            ),
            [typeof(DanVan.Web.Features.Programs.ProgramItemProgress)] = new(
                async db =>
                {
                    var program = await SavedProgramAsync(db);
                    var item = NewProgramItem(program);
                    db.ProgramItems.Add(item);
                    await db.SaveChangesAsync();
                    var progress = new DanVan.Web.Features.Programs.ProgramItemProgress
                    {
                        ItemId = item.Id,
                        ProgramId = program.Id,
                        On = new DateOnly(2026, 11, 1),
                        Status = DanVan.Web.Features.Programs.ItemStatus.InProgress,
                        Note = "Đang thực hiện",
                        ByName = "system",
                        At = DateTimeOffset.UtcNow,
                    };
                    program.StampOnto(progress);
                    return progress;
                },
                e => ((DanVan.Web.Features.Programs.ProgramItemProgress)e).Note = "Đã xong"
            ),
            [typeof(DanVan.Web.Features.Programs.ProgramVersion)] = new(
                async db =>
                {
                    var program = await SavedProgramAsync(db);
                    var version = new DanVan.Web.Features.Programs.ProgramVersion
                    {
                        ProgramId = program.Id,
                        Edition = 1,
                        DecisionNumber = "01-NQ/ĐU",
                        DecisionDate = new DateOnly(2026, 1, 20),
                        ApprovingBody = "Ban Thường vụ",
                        ApprovedByName = "system",
                        ApprovedAt = DateTimeOffset.UtcNow,
                    };
                    program.StampOnto(version);
                    return version;
                },
                e => ((DanVan.Web.Features.Programs.ProgramVersion)e).ApprovingBody = "Ban Chấp hành"
            ),
            [typeof(DanVan.Web.Features.Programs.ProgramEvent)] = new(
                async db =>
                {
                    var program = await SavedProgramAsync(db);
                    var step = new DanVan.Web.Features.Programs.ProgramEvent
                    {
                        ProgramId = program.Id,
                        Action = DanVan.Web.Features.Programs.ProgramAction.Submit,
                        From = DanVan.Web.Features.Programs.ProgramStatus.Draft,
                        To = DanVan.Web.Features.Programs.ProgramStatus.Submitted,
                        Edition = 1,
                        ByName = "system",
                        At = DateTimeOffset.UtcNow,
                    };
                    program.StampOnto(step);
                    return step;
                },
                e => ((DanVan.Web.Features.Programs.ProgramEvent)e).Reason = "Sửa lý do"
            ),
            [typeof(DanVan.Web.Features.Programs.ProgramAlert)] = new(
                db =>
                    Task.FromResult<object>(
                        new DanVan.Web.Features.Programs.ProgramAlert
                        {
                            Kind = DanVan.Web.Features.Programs.ProgramAlertKind.NotApproved,
                            Year = programYear++,
                            UnitId = tree.C1.Id,
                            SentOn = new DateOnly(2026, 2, 1),
                        }
                    ),
                e => ((DanVan.Web.Features.Programs.ProgramAlert)e).SentOn = new DateOnly(2026, 2, 2)
            ),
            [typeof(DanVan.Web.Features.Programs.ThematicConference)] = new(
                db => Task.FromResult<object>(NewConference()),
                e => ((DanVan.Web.Features.Programs.ThematicConference)e).Conclusions = "Kết luận"
            ),
            [typeof(DanVan.Web.Features.Programs.ConferenceUnit)] = new(
                async db =>
                {
                    var conference = await SavedConferenceAsync(db);
                    var row = new DanVan.Web.Features.Programs.ConferenceUnit
                    {
                        ConferenceId = conference.Id,
                        ParticipantId = tree.V1.Id,
                    };
                    conference.StampOnto(row);
                    return row;
                },
                e => ((DanVan.Web.Features.Programs.ConferenceUnit)e).ParticipantId = tree.V2.Id
            ),
            [typeof(DanVan.Web.Features.Programs.ConferenceModel)] = new(
                async db =>
                {
                    var conference = await SavedConferenceAsync(db);
                    var row = new DanVan.Web.Features.Programs.ConferenceModel
                    {
                        ConferenceId = conference.Id,
                        ModelId = (await SavedModelAsync(db)).Id,
                    };
                    conference.StampOnto(row);
                    return row;
                },
                null // a link: added and removed, never changed
            ),
            [typeof(DanVan.Web.Features.Programs.ConferenceCommitment)] = new(
                async db =>
                {
                    var conference = await SavedConferenceAsync(db);
                    var v1 = tree.V1;
                    return new DanVan.Web.Features.Programs.ConferenceCommitment
                    {
                        ConferenceId = conference.Id,
                        UnitId = v1.Id,
                        ProvinceId = v1.ProvinceId,
                        CommuneId = v1.CommuneId,
                        VillageId = v1.VillageId,
                        UnitLevel = v1.Level,
                        ModelId = (await SavedModelAsync(db)).Id,
                        DueOn = new DateOnly(2026, 12, 31),
                    };
                },
                e => ((DanVan.Web.Features.Programs.ConferenceCommitment)e).Note = "Ghi chú"
            ),
            [typeof(DanVan.Web.Features.Personnel.Cadre)] = new(
                db => Task.FromResult<object>(NewCadre()),
                e => ((DanVan.Web.Features.Personnel.Cadre)e).CivilServiceGrade = "Chuyên viên chính"
            ),
            [typeof(DanVan.Web.Features.Personnel.CadrePosition)] = new(
                async db =>
                {
                    var cadre = NewCadre();
                    db.Cadres.Add(cadre);
                    await db.SaveChangesAsync();
                    var c1 = app.Tree.C1;
                    return new DanVan.Web.Features.Personnel.CadrePosition
                    {
                        CadreId = cadre.Id,
                        UnitId = c1.Id,
                        ProvinceId = c1.ProvinceId,
                        CommuneId = c1.CommuneId,
                        UnitLevel = c1.Level,
                        OrganizationId = await db
                            .Organizations.Where(o => o.UnitId == c1.Id)
                            .Select(o => o.Id)
                            .FirstAsync(),
                        Post = DanVan.Web.Features.Personnel.CadrePost.Specialist,
                        FullTime = true,
                        StartOn = new DateOnly(2025, 7, 1),
                    };
                },
                e => ((DanVan.Web.Features.Personnel.CadrePosition)e).EndOn = new DateOnly(2026, 6, 30)
            ),
            [typeof(DanVan.Web.Features.Personnel.StaffingQuota)] = new(
                db =>
                {
                    var c1 = app.Tree.C1;
                    return Task.FromResult<object>(
                        new DanVan.Web.Features.Personnel.StaffingQuota
                        {
                            UnitId = c1.Id,
                            ProvinceId = c1.ProvinceId,
                            CommuneId = c1.CommuneId,
                            UnitLevel = c1.Level,
                            Year = 2027,
                            Quota = 6,
                            MinTheoryShare = 60,
                        }
                    );
                },
                e => ((DanVan.Web.Features.Personnel.StaffingQuota)e).Quota = 7
            ),
            [typeof(DanVan.Web.Features.Personnel.Responsibility)] = new(
                async db => await NewResponsibilityAsync(db),
                e => ((DanVan.Web.Features.Personnel.Responsibility)e).Note = "Nắm tình hình"
            ),
            [typeof(DanVan.Web.Features.Personnel.ResponsibilityVisit)] = new(
                async db =>
                {
                    var held = await NewResponsibilityAsync(db);
                    db.Responsibilities.Add(held);
                    await db.SaveChangesAsync();
                    return new DanVan.Web.Features.Personnel.ResponsibilityVisit
                    {
                        ResponsibilityId = held.Id,
                        UnitId = held.UnitId,
                        ProvinceId = held.ProvinceId,
                        CommuneId = held.CommuneId,
                        VillageId = held.VillageId,
                        UnitLevel = held.UnitLevel,
                        VisitedOn = new DateOnly(2026, 3, 2),
                        Done = "Dự họp thôn",
                    };
                },
                e => ((DanVan.Web.Features.Personnel.ResponsibilityVisit)e).Issues = "Đường làng xuống cấp"
            ),
            [typeof(DanVan.Web.Features.Privacy.DataSubjectRequest)] = new(
                _ =>
                {
                    var c1 = app.Tree.C1;
                    return Task.FromResult<object>(
                        new DanVan.Web.Features.Privacy.DataSubjectRequest
                        {
                            UnitId = c1.Id,
                            ProvinceId = c1.ProvinceId,
                            CommuneId = c1.CommuneId,
                            UnitLevel = c1.Level,
                            Kind = DanVan.Web.Features.Privacy.RequestKind.Access,
                            SubjectName = "Người Kiểm Toán",
                            SubjectIdNumber = "001099000222",
                            ReceivedOn = new DateOnly(2026, 6, 1),
                            AcknowledgeBy = new DateOnly(2026, 6, 3),
                            DueOn = new DateOnly(2026, 6, 16),
                            CreatedAt = DateTime.UtcNow,
                        }
                    );
                },
                e =>
                    ((DanVan.Web.Features.Privacy.DataSubjectRequest)e).Status = DanVan
                        .Web
                        .Features
                        .Privacy
                        .RequestStatus
                        .Acknowledged
            ),
            [typeof(DanVan.Web.Features.Personnel.TrainingCourse)] = new(
                _ => Task.FromResult<object>(NewCourse()),
                e => ((DanVan.Web.Features.Personnel.TrainingCourse)e).Place = "Hội trường xã"
            ),
            [typeof(DanVan.Web.Features.Personnel.TrainingEnrolment)] = new(
                async db =>
                {
                    var c1 = app.Tree.C1;
                    var course = NewCourse();
                    var cadre = new DanVan.Web.Features.Personnel.Cadre
                    {
                        UnitId = c1.Id,
                        ProvinceId = c1.ProvinceId,
                        CommuneId = c1.CommuneId,
                        UnitLevel = c1.Level,
                        FullName = "Học Viên Kiểm Toán",
                        Sex = DanVan.Web.Features.Personnel.Sex.Female,
                        SearchText = "hoc vien kiem toan",
                        CreatedAt = DateTime.UtcNow,
                    };
                    db.TrainingCourses.Add(course);
                    db.Cadres.Add(cadre);
                    await db.SaveChangesAsync();
                    return new DanVan.Web.Features.Personnel.TrainingEnrolment
                    {
                        CourseId = course.Id,
                        CadreId = cadre.Id,
                        UnitId = c1.Id,
                        ProvinceId = c1.ProvinceId,
                        CommuneId = c1.CommuneId,
                        UnitLevel = c1.Level,
                        CourseEndsOn = course.EndsOn,
                        Status = DanVan.Web.Features.Personnel.EnrolmentStatus.Enrolled,
                    };
                },
                e =>
                    ((DanVan.Web.Features.Personnel.TrainingEnrolment)e).Status = DanVan
                        .Web
                        .Features
                        .Personnel
                        .EnrolmentStatus
                        .NotCompleted
            ),
            [typeof(CampaignPeriodLock)] = new(
                async db => new CampaignPeriodLock
                {
                    CampaignId = (await SavedCampaignAsync(db)).Id,
                    Frequency = ReportingFrequency.Daily,
                    Period = new DateOnly(2026, 11, 2),
                    LockedAt = DateTime.UtcNow,
                    ActorName = "system",
                },
                e => ((CampaignPeriodLock)e).LockedAt = DateTime.UtcNow.AddMinutes(1)
            ),
        };
    }

    private int programYear = 2040;

    private DanVan.Web.Features.Programs.WorkProgram NewProgram()
    {
        var c1 = app.Tree.C1;
        return new DanVan.Web.Features.Programs.WorkProgram
        {
            UnitId = c1.Id,
            ProvinceId = c1.ProvinceId,
            CommuneId = c1.CommuneId,
            UnitLevel = c1.Level,
            Year = programYear++,
            Title = "Chương trình kiểm toán",
            SearchText = "chuong trinh kiem toan",
            CreatedAt = DateTime.UtcNow,
        };
    }

    private DanVan.Web.Features.Personnel.Cadre NewCadre()
    {
        var c1 = app.Tree.C1;
        return new DanVan.Web.Features.Personnel.Cadre
        {
            UnitId = c1.Id,
            ProvinceId = c1.ProvinceId,
            CommuneId = c1.CommuneId,
            UnitLevel = c1.Level,
            FullName = "Kiểm Toán Viên",
            BirthDate = new DateOnly(1985, 3, 8),
            Sex = DanVan.Web.Features.Personnel.Sex.Female,
            SearchText = "kiem toan vien",
            CreatedAt = DateTime.UtcNow,
        };
    }

    private DanVan.Web.Features.Programs.ThematicConference NewConference()
    {
        var c1 = app.Tree.C1;
        return new DanVan.Web.Features.Programs.ThematicConference
        {
            UnitId = c1.Id,
            ProvinceId = c1.ProvinceId,
            CommuneId = c1.CommuneId,
            UnitLevel = c1.Level,
            Type = DanVan.Web.Features.Programs.ConferenceType.Review,
            Title = "Hội nghị kiểm toán",
            HeldOn = new DateOnly(2026, 6, 1),
            SearchText = "hoi nghi kiem toan",
            CreatedAt = DateTime.UtcNow,
        };
    }

    private async Task<DanVan.Web.Features.Programs.ThematicConference> SavedConferenceAsync(DanVanDbContext db)
    {
        var conference = NewConference();
        db.Conferences.Add(conference);
        await db.SaveChangesAsync();
        return conference;
    }

    private async Task<DanVan.Web.Features.Programs.WorkProgram> SavedProgramAsync(DanVanDbContext db)
    {
        var program = NewProgram();
        db.WorkPrograms.Add(program);
        await db.SaveChangesAsync();
        return program;
    }

    private static DanVan.Web.Features.Programs.ProgramItem NewProgramItem(
        DanVan.Web.Features.Programs.WorkProgram program
    )
    {
        var item = new DanVan.Web.Features.Programs.ProgramItem
        {
            ProgramId = program.Id,
            Order = 1,
            Task = "Nhiệm vụ kiểm toán",
        };
        program.StampOnto(item);
        return item;
    }

    private int roundYear = 2030;

    private DanVan.Web.Features.Reports.ReportingRound NewRound()
    {
        var p1 = app.Tree.P1;
        var from = new DateOnly(roundYear++, 1, 1);
        return new DanVan.Web.Features.Reports.ReportingRound
        {
            UnitId = p1.Id,
            ProvinceId = p1.ProvinceId,
            Kind = DanVan.Web.Features.Statistics.PeriodKind.Month,
            From = from,
            To = from.AddMonths(1).AddDays(-1),
            DueOn = from.AddMonths(1).AddDays(17),
            OpenedAt = DateTimeOffset.UtcNow,
        };
    }

    private async Task<DanVan.Web.Features.Reports.ReportingRound> SavedRoundAsync(DanVanDbContext db)
    {
        var round = NewRound();
        db.ReportingRounds.Add(round);
        await db.SaveChangesAsync();
        return round;
    }

    private DanVan.Web.Features.Reports.UnitReport NewReport(int roundId)
    {
        var c1 = app.Tree.C1;
        return new DanVan.Web.Features.Reports.UnitReport
        {
            RoundId = roundId,
            UnitId = c1.Id,
            ProvinceId = c1.ProvinceId,
            CommuneId = c1.CommuneId,
            UnitLevel = c1.Level,
            ParentBody = "ĐẢNG BỘ TỈNH THỬ NGHIỆM",
            IssuingBody = "ĐẢNG ỦY XÃ ĐÔNG HÒA",
            Abbreviation = "ĐU",
            Place = "Đông Hòa",
            SignerAuthority = "T/M ĐẢNG ỦY",
        };
    }

    private async Task<DanVan.Web.Features.Reports.UnitReport> SavedReportAsync(DanVanDbContext db)
    {
        var report = NewReport((await SavedRoundAsync(db)).Id);
        db.UnitReports.Add(report);
        await db.SaveChangesAsync();
        return report;
    }

    private Campaign NewCampaign()
    {
        var c1 = app.Tree.C1;
        return new Campaign
        {
            UnitId = c1.Id,
            ProvinceId = c1.ProvinceId,
            CommuneId = c1.CommuneId,
            UnitLevel = c1.Level,
            Name = "Phong trào kiểm toán",
            StartsOn = new DateOnly(2026, 10, 17),
            EndsOn = new DateOnly(2026, 11, 30),
            SearchText = "phong trao kiem toan",
            CreatedAt = DateTime.UtcNow,
        };
    }

    private static Indicator NewIndicator(int campaignId) =>
        new()
        {
            CampaignId = campaignId,
            Name = "Chỉ tiêu kiểm toán",
            Measure = MeasureUnit.Graves,
            SortOrder = 1,
        };

    /// <summary>A saved campaign for the rows that belong to one.</summary>
    private async Task<Campaign> SavedCampaignAsync(DanVanDbContext db)
    {
        var campaign = NewCampaign();
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    private async Task<Indicator> SavedIndicatorAsync(DanVanDbContext db)
    {
        var indicator = NewIndicator((await SavedCampaignAsync(db)).Id);
        db.Add(indicator);
        await db.SaveChangesAsync();
        return indicator;
    }

    private DanVan.Web.Features.Documents.CaseDocument NewDocument() =>
        new()
        {
            UnitId = app.Tree.C1.Id,
            ProvinceId = app.Tree.C1.ProvinceId,
            CommuneId = app.Tree.C1.CommuneId,
            FileName = "bien-ban.pdf",
            ContentType = "application/pdf",
            Type = AttachmentType.Pdf,
            Size = 3,
            ActorName = "system",
            CreatedAt = DateTime.UtcNow,
        };

    /// <summary>A petition whose personal data must never reach the audit trail.</summary>
    private async Task<DanVan.Web.Features.Petitions.Petition> NewPetitionAsync(DanVanDbContext db)
    {
        var petition = new DanVan.Web.Features.Petitions.Petition
        {
            HandlingUnitId = app.Tree.C1.Id,
            Channel = DanVan.Web.Features.Petitions.PetitionChannel.Letter,
            ReceivedOn = new DateOnly(2026, 6, 1),
            CategoryId = await db.PetitionCategories.Select(c => c.Id).FirstAsync(),
            Title = "Kiến nghị kiểm toán",
            Content = "Nội dung 0987 654 321",
            PetitionerKind = DanVan.Web.Features.Petitions.PetitionerKind.Citizen,
            PetitionerName = "Người Kiểm Toán",
            PetitionerPhone = "0987 654 321",
            PetitionerAddress = "Số 1 đường Kiểm Toán",
            PetitionerIdNumber = "001099887766",
            TrackingCode = DanVan.Web.Features.Petitions.PetitionRules.NewTrackingCode(),
            SearchText = "kiem toan",
            CreatedAt = DateTime.UtcNow,
        };
        DanVan.Web.Features.Petitions.RecordPetition.PlaceIn(petition, app.Tree.V1);
        return petition;
    }

    private async Task<MobilizationModel> NewModelAsync(DanVanDbContext db)
    {
        var model = new MobilizationModel
        {
            OrganizationId = await db
                .Organizations.Where(o => o.UnitId == app.Tree.C1.Id)
                .Select(o => o.Id)
                .FirstAsync(),
            FieldId = await db.ModelFields.Select(f => f.Id).FirstAsync(),
            Name = "Mô hình kiểm toán",
            CreatedAt = DateTime.UtcNow,
        };
        ModelRules.PlaceIn(model, app.Tree.C1);
        model.SearchText = ModelRules.SearchTextOf(model);
        return model;
    }

    /// <summary>A saved model for the rows that belong to one.</summary>
    private async Task<MobilizationModel> SavedModelAsync(DanVanDbContext db)
    {
        var model = await NewModelAsync(db);
        db.Models.Add(model);
        await db.SaveChangesAsync();
        return model;
    }

    /// <summary>
    /// Not audited row by row: the audit trail itself (append-only; it would audit itself forever); summary rows
    /// derived from audited facts (<see cref="IDerivedRow"/>: a campaign's totals and series, and the statistics'
    /// summary rows, are kept by increments from the facts and rebuilt by a recompute; auditing them would record each figure again per node); and rows
    /// with their own history (<see cref="IOwnHistory"/>: a campaign's figures and their revisions — each revision
    /// records who changed which cell, when, from what to what — with one audit entry per save, ADR-0022, checked by
    /// <c>BulkFigureTests</c>).
    /// </summary>
    private static readonly Type[] NotAudited =
    [
        typeof(AuditEntry),
        typeof(CampaignTotal),
        typeof(CampaignSeries),
        typeof(DanVan.Web.Features.Statistics.StatisticCount),
        typeof(DanVan.Web.Features.Personnel.UnitHolding),
        typeof(CampaignFigure),
        typeof(FigureRevision),
    ];

    [Fact]
    public async Task Every_entity_type_in_the_model_has_an_audit_check()
    {
        var types = await app.WithDbAsync(db =>
            Task.FromResult(db.Model.GetEntityTypes().Select(e => e.ClrType).ToList())
        );
        var missing = types.Except(Exercisers().Keys).Except(NotAudited).Select(t => t.Name).ToList();
        Assert.True(
            missing.Count == 0,
            "Entity types without an audit completeness check: " + string.Join(", ", missing)
        );
        // The only excuses besides the trail itself are being a derived row or keeping an own history.
        Assert.All(NotAudited.Where(t => t != typeof(AuditEntry)), t =>
            Assert.True(typeof(IDerivedRow).IsAssignableFrom(t) || typeof(IOwnHistory).IsAssignableFrom(t), t.Name)
        );
    }

    [Fact]
    public async Task Derived_summary_rows_leave_no_audit_record()
    {
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
        await app.WithDbAsync(async db =>
        {
            var indicator = await SavedIndicatorAsync(db);
            var total = new CampaignTotal
            {
                CampaignId = indicator.CampaignId,
                IndicatorId = indicator.Id,
                UnitId = app.Tree.C1.Id,
                UnitLevel = UnitLevel.Commune,
                Actual = 3,
            };
            var series = new CampaignSeries
            {
                CampaignId = indicator.CampaignId,
                IndicatorId = indicator.Id,
                UnitId = app.Tree.C1.Id,
                Period = new DateOnly(2026, 11, 2),
                Delta = 3,
            };
            db.AddRange(total, series);
            await db.SaveChangesAsync();
            (total.Actual, series.Delta) = (4, 4);
            await db.SaveChangesAsync();
        });
        var names = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Id > before).Select(a => a.EntityType).Distinct().ToListAsync()
        );
        Assert.DoesNotContain(nameof(CampaignTotal), names);
        Assert.DoesNotContain(nameof(CampaignSeries), names);
        Assert.Contains(nameof(Indicator), names); // the facts are
    }

    [Fact]
    public async Task Rows_with_their_own_history_leave_no_row_audit_and_a_correction_still_bumps_the_version()
    {
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
        var version = await app.WithDbAsync(async db =>
        {
            var indicator = await SavedIndicatorAsync(db);
            var figure = new CampaignFigure
            {
                CampaignId = indicator.CampaignId,
                IndicatorId = indicator.Id,
                UnitId = app.Tree.V1.Id,
                ProvinceId = app.Tree.V1.ProvinceId,
                CommuneId = app.Tree.V1.CommuneId,
                VillageId = app.Tree.V1.VillageId,
                Period = new DateOnly(2026, 11, 3),
                Value = 5,
                ActorName = "system",
                UpdatedAt = DateTime.UtcNow,
                Version = 1,
            };
            db.Add(figure);
            await db.SaveChangesAsync();
            figure.Value = 6;
            await db.SaveChangesAsync();
            var corrected = figure.Version;
            db.Remove(figure);
            await db.SaveChangesAsync();
            return corrected;
        });
        Assert.Equal(2, version);
        Assert.False(
            await app.WithDbAsync(db =>
                db.AuditEntries.AnyAsync(a =>
                    a.Id > before && (a.EntityType == nameof(CampaignFigure) || a.EntityType == nameof(FigureRevision))
                )
            )
        );
    }

    [Fact]
    public async Task Creating_changing_and_deleting_any_entity_leaves_three_audit_records_with_values_and_no_secrets()
    {
        var failures = new List<string>();
        foreach (var (type, exerciser) in Exercisers())
        {
            var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id));
            string? key = null;
            await app.WithDbAsync(async db =>
            {
                var entity = await exerciser.Create(db);
                db.Add(entity);
                await db.SaveChangesAsync();
                key = string.Join(
                    "|",
                    db.Entry(entity)
                        .Metadata.FindPrimaryKey()!
                        .Properties.Select(p => db.Entry(entity).Property(p.Name).CurrentValue)
                );
                if (exerciser.Change is { } change)
                {
                    change(entity);
                    await db.SaveChangesAsync();
                }

                db.Remove(entity);
                await db.SaveChangesAsync();
            });

            var name = AuditRecorder.EntityName(type);
            var entries = await app.WithDbAsync(db =>
                db.AuditEntries.Where(a => a.Id > (before ?? 0) && a.EntityType == name && a.EntityId == key)
                    .OrderBy(a => a.Id)
                    .ToListAsync()
            );
            var actions = entries.Select(e => e.Action).ToList();
            AuditAction[] expected = exerciser.Change is null
                ? [AuditAction.Insert, AuditAction.Delete]
                : [AuditAction.Insert, AuditAction.Update, AuditAction.Delete];
            if (!actions.SequenceEqual(expected))
            {
                failures.Add($"{type.Name}: {string.Join(",", actions)}");
                continue;
            }

            if (
                entries[0].After is null
                || entries[^1].Before is null
                || (exerciser.Change is not null && (entries[1].Before is null || entries[1].After is null))
                || entries.Any(e => e.ActorName != "system")
            )
            {
                failures.Add($"{type.Name}: values or actor missing");
            }

            var text = string.Join(" ", entries.Select(e => e.Before + e.After));
            foreach (
                var secret in new[]
                {
                    "secret-hash",
                    "totp-secret",
                    "<key>secret</key>",
                    new string('a', 64),
                    "Người Kiểm Toán",
                    "0987 654 321",
                    "001099887766",
                    "Số 1 đường Kiểm Toán",
                }
            )
            {
                if (text.Contains(secret, StringComparison.Ordinal))
                {
                    failures.Add($"{type.Name}: a secret reached the audit trail");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task An_update_records_only_what_changed_with_the_old_and_new_value()
    {
        var unit = app.Tree.V2;
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Units.SingleAsync(u => u.Id == unit.Id);
            tracked.NameEn = "Lower hamlet";
            await db.SaveChangesAsync();
        });
        var entry = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a =>
                    a.EntityType == "Unit" && a.EntityId == unit.Id.ToString() && a.Action == AuditAction.Update
                )
                .OrderByDescending(a => a.Id)
                .FirstAsync()
        );
        Assert.Equal("""{"NameEn":null}""", entry.Before);
        Assert.Equal("""{"NameEn":"Lower hamlet"}""", entry.After);
        Assert.Equal(unit.CommuneId, entry.CommuneId);
    }

    private DanVan.Web.Features.Personnel.TrainingCourse NewCourse()
    {
        var c1 = app.Tree.C1;
        return new DanVan.Web.Features.Personnel.TrainingCourse
        {
            UnitId = c1.Id,
            ProvinceId = c1.ProvinceId,
            CommuneId = c1.CommuneId,
            UnitLevel = c1.Level,
            Title = "Bồi dưỡng nghiệp vụ dân vận",
            Kind = DanVan.Web.Features.Personnel.TrainingKind.MassMobilization,
            StartsOn = new DateOnly(2026, 3, 2),
            EndsOn = new DateOnly(2026, 3, 6),
            CreatedAt = DateTime.UtcNow,
        };
    }

    private async Task<DanVan.Web.Features.Personnel.Responsibility> NewResponsibilityAsync(DanVanDbContext db)
    {
        var v1 = app.Tree.V1;
        return new DanVan.Web.Features.Personnel.Responsibility
        {
            UnitId = v1.Id,
            ProvinceId = v1.ProvinceId,
            CommuneId = v1.CommuneId,
            VillageId = v1.VillageId,
            UnitLevel = v1.Level,
            HolderOrganizationId = await db
                .Organizations.Where(o => o.UnitId == app.Tree.C1.Id)
                .Select(o => o.Id)
                .FirstAsync(),
            FromOn = new DateOnly(2025, 7, 1),
        };
    }
}
