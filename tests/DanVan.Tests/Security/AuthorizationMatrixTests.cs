using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Security;

/// <summary>Where a target lies as seen from the commune C1, where the account under test works.</summary>
public enum Relation
{
    Own,
    Child,
    Sibling,
    Parent,
    OtherProvince,
}

/// <summary>
/// QUALITY.md S1: every endpoint and page of the app, for every role × {own unit, child, sibling, parent,
/// other province}, is allowed or denied exactly as the role table and the unit scope say. Accounts work at
/// the commune C1 (a system administrator at the root). Mutating API calls are probed with a payload that
/// fails validation, so "allowed" shows as 400 after the scope check and nothing is changed; calls that
/// cannot be probed that way act on a fresh object made for the call. An endpoint without an entry here
/// fails <see cref="Every_endpoint_of_the_app_has_an_entry_in_the_matrix"/>.
/// </summary>
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture fixture)
    : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    private static readonly Role[] Roles = Enum.GetValues<Role>();
    private static readonly Relation[] Relations = Enum.GetValues<Relation>();

    public sealed class Fixture : DanVanApp
    {
        public Dictionary<Role, PageClient> Pages { get; } = [];
        public Dictionary<Role, HttpClient> Api { get; } = [];
        public Dictionary<Relation, TestAccount> TargetAccounts { get; } = [];
        public Dictionary<Role, TestAccount> Accounts { get; } = [];

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            foreach (var role in Roles)
            {
                var account = await CreateAccountAsync(role, role == Role.SystemAdministrator ? Tree.Root : Tree.C1);
                Accounts[role] = account;
                Pages[role] = await SignInAsync(account);
                Api[role] = await ApiClientAsync(account);
            }

            foreach (var relation in Relations)
            {
                TargetAccounts[relation] = await CreateAccountAsync(Role.Viewer, UnitOf(relation));
            }
        }

        private readonly Dictionary<int, Guid> exportJobs = [];

        /// <summary>A finished background export of the account (one a account, made once).</summary>
        public async Task<Guid> ExportJobOfAsync(int accountId)
        {
            if (!exportJobs.TryGetValue(accountId, out var id))
            {
                id = Guid.NewGuid();
                await WithDbAsync(async db =>
                {
                    db.ExportJobs.Add(
                        new DanVan.Web.Infrastructure.Exports.ExportJob
                        {
                            Id = id,
                            AccountId = accountId,
                            Endpoint = "ExportUnits",
                            Path = "/units/export",
                            Query = "format=csv",
                            Status = DanVan.Web.Infrastructure.Exports.ExportJobStatus.Done,
                            FileName = "don-vi.csv",
                            ContentType = "text/csv",
                            Bytes = 4,
                            CreatedAt = DateTime.UtcNow,
                        }
                    );
                    db.ExportJobChunks.Add(
                        new DanVan.Web.Infrastructure.Exports.ExportJobChunk
                        {
                            JobId = id,
                            Sequence = 0,
                            Content = "a,b\n"u8.ToArray(),
                        }
                    );
                    await db.SaveChangesAsync();
                });
                exportJobs[accountId] = id;
            }

            return id;
        }

        public Unit UnitOf(Relation relation) =>
            relation switch
            {
                Relation.Own => Tree.C1,
                Relation.Child => Tree.V1,
                Relation.Sibling => Tree.C2,
                Relation.Parent => Tree.P1,
                _ => Tree.C3,
            };

        public Unit? ParentOf(Unit unit) =>
            new[] { Tree.Root, Tree.P1, Tree.P2, Tree.C1, Tree.C2, Tree.C3 }.FirstOrDefault(u => u.Id == unit.ParentId);

        private readonly Dictionary<int, int> dialogues = [];
        private readonly Dictionary<int, int> petitions = [];

        /// <summary>A dialogue session of the unit (made once), its topic naming the unit so a search finds
        /// it.</summary>
        public async Task<int> DialogueOfAsync(Unit unit)
        {
            if (dialogues.TryGetValue(unit.Id, out var id))
            {
                return id;
            }

            id = await WithDbAsync(async db =>
            {
                var session = new DanVan.Web.Features.Dialogues.DialogueSession
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    UnitLevel = unit.Level,
                    Type = DanVan.Web.Features.Dialogues.DialogueType.AdHocDialogue,
                    HeldOn = new DateOnly(2026, 6, 1),
                    Topic = "Đối thoại ma trận " + unit.Code,
                    ChairName = "Chủ trì",
                    Place = "Hội trường",
                    CreatedAt = DateTime.UtcNow,
                };
                session.SearchText = DanVan.Web.Infrastructure.Localization.TextSearch.Normalize(session.Topic);
                db.Dialogues.Add(session);
                await db.SaveChangesAsync();
                return session.Id;
            });
            dialogues[unit.Id] = id;
            return id;
        }

        /// <summary>A received petition located at the unit (made once), its subject naming the unit.</summary>
        public async Task<int> PetitionOfAsync(Unit unit)
        {
            if (!petitions.TryGetValue(unit.Id, out var id))
            {
                petitions[unit.Id] = id = await FreshPetitionAsync(unit);
            }

            return id;
        }

        public Task<int> FreshPetitionAsync(Unit unit) =>
            WithDbAsync(async db =>
            {
                var petition = new DanVan.Web.Features.Petitions.Petition
                {
                    HandlingUnitId = unit.Level == UnitLevel.Village ? unit.ParentId!.Value : unit.Id,
                    Channel = DanVan.Web.Features.Petitions.PetitionChannel.Letter,
                    ReceivedOn = new DateOnly(2026, 6, 1),
                    CategoryId = await db.PetitionCategories.Select(c => c.Id).FirstAsync(),
                    Title = "Kiến nghị ma trận " + unit.Code,
                    Content = "Nội dung",
                    PetitionerKind = DanVan.Web.Features.Petitions.PetitionerKind.Citizen,
                    PetitionerName = "Người Thử",
                    TrackingCode = DanVan.Web.Features.Petitions.PetitionRules.NewTrackingCode(),
                    CreatedAt = DateTime.UtcNow,
                };
                DanVan.Web.Features.Petitions.RecordPetition.PlaceIn(petition, unit);
                petition.SearchText = DanVan.Web.Features.Petitions.RecordPetition.SearchTextOf(petition);
                db.Petitions.Add(petition);
                await db.SaveChangesAsync();
                return petition.Id;
            });

        private readonly Dictionary<(string, int), int> documents = [];

        /// <summary>A PDF document of the dialogue, petition or campaign (made once).</summary>
        public async Task<int> DocumentOfAsync(string prefix, int ownerId)
        {
            if (documents.TryGetValue((prefix, ownerId), out var id))
            {
                return id;
            }

            id = await WithDbAsync(async db =>
            {
                IUnitScoped owner = prefix switch
                {
                    "dialogues" => await db.Dialogues.SingleAsync(d => d.Id == ownerId),
                    "petitions" => await db.Petitions.SingleAsync(p => p.Id == ownerId),
                    "programs" => await db.WorkPrograms.SingleAsync(p => p.Id == ownerId),
                    "conferences" => await db.Conferences.SingleAsync(c => c.Id == ownerId),
                    _ => await db.Campaigns.SingleAsync(c => c.Id == ownerId),
                };
                var document = new DanVan.Web.Features.Documents.CaseDocument
                {
                    DialogueId = prefix == "dialogues" ? ownerId : null,
                    PetitionId = prefix == "petitions" ? ownerId : null,
                    CampaignId = prefix == "campaigns" ? ownerId : null,
                    ProgramId = prefix == "programs" ? ownerId : null,
                    ConferenceId = prefix == "conferences" ? ownerId : null,
                    UnitId = owner.UnitId,
                    ProvinceId = owner.ProvinceId,
                    CommuneId = owner.CommuneId,
                    VillageId = owner.VillageId,
                    FileName = "bien-ban.pdf",
                    ContentType = "application/pdf",
                    Type = AttachmentType.Pdf,
                    Size = 9,
                    ActorName = "system",
                    CreatedAt = DateTime.UtcNow,
                };
                db.CaseDocuments.Add(document);
                await db.SaveChangesAsync();
                db.CaseDocumentContents.Add(
                    new DanVan.Web.Features.Documents.CaseDocumentContent
                    {
                        DocumentId = document.Id,
                        Bytes = "%PDF-1.4\n"u8.ToArray(),
                    }
                );
                await db.SaveChangesAsync();
                return document.Id;
            });
            documents[(prefix, ownerId)] = id;
            return id;
        }

        private readonly Dictionary<Relation, (int Campaign, int Indicator)> campaigns = [];

        /// <summary>
        /// A campaign per relation as seen from C1 (made once, by the system administrator through the API): C1's own;
        /// a
        /// province campaign a village of C1 takes part in (Child: seen, not managed); the sibling's; a province
        /// campaign
        /// only the sibling's village takes part in (Parent: not seen); the other province's. Each has one indicator.
        /// </summary>
        public async Task<(int Campaign, int Indicator)> CampaignOfAsync(Relation relation)
        {
            if (campaigns.TryGetValue(relation, out var ids))
            {
                return ids;
            }

            var (owner, participant) = relation switch
            {
                Relation.Own => (Tree.C1, Tree.C1),
                Relation.Child => (Tree.P1, Tree.V1),
                Relation.Sibling => (Tree.C2, Tree.C2),
                Relation.Parent => (Tree.P1, Tree.V3),
                _ => (Tree.C3, Tree.C3),
            };
            var api = Api[Role.SystemAdministrator];
            var created = await api.PostAsJsonAsync(
                "/api/v1/campaigns",
                new
                {
                    unitId = owner.Id,
                    name = $"Phong trào ma trận {relation}",
                    startsOn = "2026-01-01",
                    endsOn = "2026-12-31",
                    reportingLevel = "Village",
                    participantIds = new[] { participant.Id },
                }
            );
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var id = JsonDocument
                .Parse(await created.Content.ReadAsStringAsync())
                .RootElement.GetProperty("id")
                .GetInt32();
            var indicator = await api.PostAsJsonAsync(
                $"/api/v1/campaigns/{id}/indicators",
                new
                {
                    name = "Hộ tham gia",
                    measure = "Households",
                    aggregation = "Sum",
                    direction = "HigherIsBetter",
                    frequency = "Monthly",
                    decimals = 0,
                }
            );
            Assert.True(indicator.IsSuccessStatusCode, await indicator.Content.ReadAsStringAsync());
            campaigns[relation] = ids = (
                id,
                JsonDocument.Parse(await indicator.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32()
            );
            return ids;
        }

        public Task<int> VersionOfPetitionAsync(int id) =>
            WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());

        public Task<int> FreshCalendarDayAsync() =>
            WithDbAsync(async db =>
            {
                var taken = await db.CalendarDays.Select(d => d.Date).ToListAsync();
                var date = new DateOnly(2031, 1, 1);
                while (taken.Contains(date))
                {
                    date = date.AddDays(1);
                }

                var day = new DanVan.Web.Features.Petitions.CalendarDay { Date = date, Name = "Ngày thử" };
                db.CalendarDays.Add(day);
                await db.SaveChangesAsync();
                return day.Id;
            });

        public Task<int> OrganizationOfAsync(Unit unit) =>
            WithDbAsync(db =>
                db.Organizations.Where(o => o.UnitId == unit.Id).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync()
            );

        private readonly Dictionary<int, int> models = [];

        /// <summary>A registered model of the unit (made once), named after the unit so a search finds it.</summary>
        public async Task<int> ModelOfAsync(Unit unit)
        {
            if (models.TryGetValue(unit.Id, out var id))
            {
                return id;
            }

            id = await WithDbAsync(async db =>
            {
                var model = new MobilizationModel
                {
                    OrganizationId = await OrganizationOfAsync(unit),
                    FieldId = await db.ModelFields.Select(f => f.Id).FirstAsync(),
                    Kind = ModelKind.Model,
                    Status = ModelStatus.Registered,
                    Name = "Mô hình ma trận " + unit.Code,
                    Situation = "a",
                    Goals = "b",
                    Content = "c",
                    AreaAndBeneficiaries = "d",
                    Forces = "e",
                    Resources = "f",
                    Timeline = "g",
                    Outputs = "h",
                    Sustainability = "i",
                    StartDate = new DateOnly(2026, 1, 1),
                    EvaluationDate = new DateOnly(2026, 12, 1),
                    RegisteredOn = new DateOnly(2026, 1, 1),
                    CreatedAt = DateTime.UtcNow,
                };
                ModelRules.PlaceIn(model, unit);
                model.SearchText = ModelRules.SearchTextOf(model);
                db.Models.Add(model);
                await db.SaveChangesAsync();
                return model.Id;
            });
            models[unit.Id] = id;
            return id;
        }

        private readonly Dictionary<int, int> evaluable = [];

        /// <summary>A model of the unit in implementation, ready to be evaluated (made once).</summary>
        public async Task<int> EvaluableOfAsync(Unit unit)
        {
            if (evaluable.TryGetValue(unit.Id, out var id))
            {
                return id;
            }

            var organization = await OrganizationOfAsync(unit);
            id = await WithDbAsync(async db =>
            {
                var model = new MobilizationModel
                {
                    OrganizationId = organization,
                    FieldId = await db.ModelFields.Select(f => f.Id).FirstAsync(),
                    Kind = ModelKind.Model,
                    Status = ModelStatus.Implementing,
                    Name = "Mô hình chấm điểm " + unit.Code,
                    RegisteredOn = new DateOnly(2026, 1, 1),
                    CreatedAt = DateTime.UtcNow,
                };
                ModelRules.PlaceIn(model, unit);
                model.SearchText = ModelRules.SearchTextOf(model);
                db.Models.Add(model);
                await db.SaveChangesAsync();
                return model.Id;
            });
            evaluable[unit.Id] = id;
            return id;
        }

        private readonly Dictionary<int, int> reviews = [];

        /// <summary>An annual review of the unit (made once).</summary>
        public async Task<int> ReviewOfAsync(Unit unit)
        {
            if (reviews.TryGetValue(unit.Id, out var id))
            {
                return id;
            }

            id = await WithDbAsync(async db =>
            {
                var review = new ModelReview
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    UnitLevel = unit.Level,
                    FromYear = 2025,
                    ToYear = 2025,
                    CreatedAt = DateTime.UtcNow,
                };
                db.ModelReviews.Add(review);
                await db.SaveChangesAsync();
                return review.Id;
            });
            reviews[unit.Id] = id;
            return id;
        }

        private int? recognizedModel;
        private readonly Dictionary<int, int> replications = [];

        /// <summary>A recognized, public model of the other province's commune, which anyone may replicate.</summary>
        public async Task<int> RecognizedModelAsync()
        {
            recognizedModel ??= await WithDbAsync(async db =>
            {
                var id = await ModelOfAsync(Tree.V4);
                await db
                    .Models.Where(m => m.Id == id)
                    .ExecuteUpdateAsync(s =>
                        s.SetProperty(m => m.Status, ModelStatus.Recognized)
                            .SetProperty(m => m.IsPublic, true)
                            .SetProperty(m => m.RecognitionLevel, RecognitionLevel.Commune)
                            .SetProperty(m => m.RecognizedOn, new DateOnly(2026, 6, 1))
                    );
                return id;
            });
            return recognizedModel.Value;
        }

        /// <summary>A replication of the recognized model by the unit (made once).</summary>
        public async Task<int> ReplicationOfAsync(Unit unit)
        {
            if (replications.TryGetValue(unit.Id, out var id))
            {
                return id;
            }

            var source = await RecognizedModelAsync();
            var organization = await OrganizationOfAsync(unit);
            id = await WithDbAsync(async db =>
            {
                var replication = new ModelReplication
                {
                    SourceModelId = source,
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    UnitLevel = unit.Level,
                    OrganizationId = organization,
                    StartDate = new DateOnly(2026, 7, 1),
                    Adaptations = "Điều chỉnh",
                    CreatedAt = DateTime.UtcNow,
                };
                db.ModelReplications.Add(replication);
                await db.SaveChangesAsync();
                return replication.Id;
            });
            replications[unit.Id] = id;
            return id;
        }

        private readonly Dictionary<int, int> attachments = [];

        /// <summary>A photo of the model (made once, or a fresh one to delete).</summary>
        public async Task<int> AttachmentOfAsync(int modelId, bool fresh = false)
        {
            if (!fresh && attachments.TryGetValue(modelId, out var id))
            {
                return id;
            }

            id = await WithDbAsync(async db =>
            {
                var model = await db.Models.SingleAsync(m => m.Id == modelId);
                var attachment = new DanVan.Web.Features.Documents.CaseDocument
                {
                    ModelId = modelId,
                    FileName = "a.png",
                    ContentType = "image/png",
                    Type = AttachmentType.Photo,
                    Size = 16,
                    ActorName = "system",
                    CreatedAt = DateTime.UtcNow,
                };
                model.Stamp(attachment);
                db.CaseDocuments.Add(attachment);
                await db.SaveChangesAsync();
                db.CaseDocumentContents.Add(
                    new DanVan.Web.Features.Documents.CaseDocumentContent
                    {
                        DocumentId = attachment.Id,
                        Bytes = Models.AttachmentTests.Png,
                    }
                );
                await db.SaveChangesAsync();
                return attachment.Id;
            });
            if (!fresh)
            {
                attachments[modelId] = id;
            }

            return id;
        }

        public Task<int> FreshModelResultAsync(int modelId) =>
            WithDbAsync(async db =>
            {
                var model = await db.Models.SingleAsync(m => m.Id == modelId);
                var result = new ModelResult
                {
                    ModelId = modelId,
                    IndicatorId = await db.ResultIndicators.Select(i => i.Id).FirstAsync(),
                    Year = 2000 + (int)(DateTime.UtcNow.Ticks % 90),
                    Actual = 1,
                };
                model.Stamp(result);
                await db.ModelResults.Where(r => r.ModelId == modelId && r.Year == result.Year).ExecuteDeleteAsync();
                db.ModelResults.Add(result);
                await db.SaveChangesAsync();
                return result.Id;
            });

        /// <summary>Where the matrix's notifications lead.</summary>
        public const string NotificationLink = "/account";

        private readonly Dictionary<int, int> notifications = [];

        /// <summary>A notification of the account (made once).</summary>
        public async Task<int> NotificationOfAsync(int accountId)
        {
            if (notifications.TryGetValue(accountId, out var id))
            {
                return id;
            }

            id = await WithDbAsync(async db =>
            {
                new Notifier(db, TimeProvider.System).Notify(
                    [accountId],
                    NotificationKind.PetitionOverdue,
                    "KN-MATRIX-" + accountId,
                    NotificationLink
                );
                await db.SaveChangesAsync();
                return await db.Notifications.Where(n => n.AccountId == accountId).MaxAsync(n => n.Id);
            });
            notifications[accountId] = id;
            return id;
        }

        private readonly Dictionary<Relation, (int Id, int Indicator)> apiCampaigns = [];

        /// <summary>
        /// A campaign of each relation (made once through the API by the system administrator), running from ten days
        /// ago:
        /// own = C1's with V1 and V2, child = C1's with V1 only, sibling = C2's, other province = C3's, and parent =
        /// the
        /// province P1's in which C1 takes part with V1 (so C1 sees it without managing it).
        /// </summary>
        public async Task<(int Id, int Indicator)> ApiCampaignOfAsync(Relation relation)
        {
            if (apiCampaigns.TryGetValue(relation, out var campaign))
            {
                return campaign;
            }

            var api = Api[Role.SystemAdministrator];
            var (unit, participants) = relation switch
            {
                Relation.Own => (Tree.C1, new[] { Tree.V1.Id, Tree.V2.Id }),
                Relation.Child => (Tree.C1, new[] { Tree.V1.Id }),
                Relation.Sibling => (Tree.C2, []),
                Relation.Parent => (Tree.P1, new[] { Tree.V1.Id, Tree.V3.Id }),
                _ => (Tree.C3, []),
            };
            var created = await api.PostAsJsonAsync(
                "/api/v1/campaigns/",
                new
                {
                    unitId = unit.Id,
                    name = CampaignName(relation),
                    startsOn = CampaignDay(-10),
                    endsOn = CampaignDay(20),
                    reportingLevel = "Village",
                    participantIds = participants,
                }
            );
            var id = JsonDocument
                .Parse(await created.Content.ReadAsStringAsync())
                .RootElement.GetProperty("id")
                .GetInt32();
            var indicator = await api.PostAsJsonAsync(
                $"/api/v1/campaigns/{id}/indicators",
                new
                {
                    name = "Mộ đã di dời",
                    measure = "Graves",
                    aggregation = "Sum",
                    direction = "HigherIsBetter",
                    frequency = "Daily",
                    decimals = 0,
                }
            );
            apiCampaigns[relation] = campaign = (
                id,
                JsonDocument.Parse(await indicator.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32()
            );
            return campaign;
        }

        public static string CampaignName(Relation relation) => "Phong trào API ma trận " + relation;

        /// <summary>A day relative to today in Vietnam, as the API takes it.</summary>
        public static string CampaignDay(int offset) =>
            DateOnly
                .FromDateTime(DateTime.UtcNow.AddHours(7))
                .AddDays(offset)
                .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The participant whose figures a relation's probe enters.</summary>
        public Unit ParticipantOf(Relation relation) =>
            relation switch
            {
                Relation.Sibling => Tree.V3,
                Relation.OtherProvince => Tree.V4,
                _ => Tree.V1,
            };

        private readonly Dictionary<Relation, (int Id, int IndicatorId, Unit Village)> figureCampaigns = [];

        /// <summary>
        /// A running campaign (made once) seen from C1 as the relation says: C1's own (Own), C1's with only V1 taking
        /// part
        /// (Child), the sibling's, the province's with only the sibling's village taking part (Parent: not C1's to
        /// see), the
        /// other province's. Its village is the one whose cell the history probe opens.
        /// </summary>
        public async Task<(int Id, int IndicatorId, Unit Village)> FigureCampaignOfAsync(Relation relation)
        {
            if (figureCampaigns.TryGetValue(relation, out var known))
            {
                return known;
            }

            var (owner, participants, village) = relation switch
            {
                Relation.Own => (Tree.C1, new[] { Tree.C1 }, Tree.V1),
                Relation.Child => (Tree.C1, [Tree.V1], Tree.V1),
                Relation.Sibling => (Tree.C2, [Tree.C2], Tree.V3),
                Relation.Parent => (Tree.P1, [Tree.C2], Tree.V3),
                _ => (Tree.C3, [Tree.C3], Tree.V4),
            };
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
            var api = Api[Role.SystemAdministrator];
            var campaign = Campaigns.CampaignData.Campaign(owner, UnitLevel.Village, participants);
            campaign["startsOn"] = Campaigns.CampaignData.Iso(today.AddDays(-5));
            campaign["endsOn"] = Campaigns.CampaignData.Iso(today.AddDays(5));
            var id = await Campaigns.CampaignData.CreateAsync(api, campaign);
            var indicator = await Campaigns.CampaignData.AddIndicatorAsync(api, id, Campaigns.CampaignData.Indicator());
            Assert.Equal(
                HttpStatusCode.OK,
                (
                    await Campaigns.CampaignData.EnterAsync(
                        api,
                        id,
                        Campaigns.CampaignData.Figure(village, indicator, today, 3)
                    )
                ).StatusCode
            );
            figureCampaigns[relation] = (id, indicator, village);
            return (id, indicator, village);
        }

        public Task<int> FreshOrganizationAsync(Unit unit) =>
            WithDbAsync(async db =>
            {
                var organization = new Organization
                {
                    UnitId = unit.Id,
                    ProvinceId = unit.ProvinceId,
                    CommuneId = unit.CommuneId,
                    VillageId = unit.VillageId,
                    Type = OrganizationType.Other,
                    Name = "Tổ chức tạm " + Guid.NewGuid().ToString("N")[..6],
                };
                db.Organizations.Add(organization);
                await db.SaveChangesAsync();
                return organization.Id;
            });
    }

    /// <summary>The expectations, from the role table and the scope rules, independent of the code under
    /// test.</summary>
    private bool InScope(Role role, Unit unit) =>
        role == Role.SystemAdministrator || unit.CommuneId == fixture.Tree.C1.Id;

    private static bool Has(Role role, Permission permission) => RolePermissions.Grants(role, permission);

    private bool CanManageUnitRecord(Role role, Unit unit) =>
        Has(role, Permission.UnitsManage) && fixture.ParentOf(unit) is { } parent && InScope(role, parent);

    private sealed record Case(
        string Key,
        Func<Role, Relation, bool> Expected,
        Func<Role, Relation, Task<bool>> Probe,
        bool Anonymous = false
    );

    private IEnumerable<Case> Cases() =>
        PlatformCases()
            .Concat(UnitsCases())
            .Concat(ModelsCases())
            .Concat(PetitionsCases())
            .Concat(CampaignsCases())
            .Concat(NotificationsCases())
            .Concat(ReportsCases())
            .Concat(ProgramsCases())
            .Concat(ConferencesCases())
            .Concat(PersonnelCases())
            .Concat(PrivacyCases())
            .Concat(AccountsCases());

    private Unit U(Relation r) => fixture.UnitOf(r);

    private bool View(Role role, Relation r) => Has(role, Permission.UnitsView) && InScope(role, U(r));

    private Case Page(
        string route,
        Func<Role, Relation, bool> expected,
        Func<Role, Relation, string> url,
        Func<Role, Relation, HttpResponseMessage, Task<bool>>? classify = null,
        bool anonymous = false
    ) => PageAsync(route, expected, (role, r) => Task.FromResult(url(role, r)), classify, anonymous);

    private Case PageAsync(
        string route,
        Func<Role, Relation, bool> expected,
        Func<Role, Relation, Task<string>> url,
        Func<Role, Relation, HttpResponseMessage, Task<bool>>? classify = null,
        bool anonymous = false
    ) =>
        new(
            "PAGE " + route,
            expected,
            async (role, r) =>
            {
                var response = await fixture.Pages[role].GetAsync(await url(role, r));
                return classify is null ? Allowed(response) : Allowed(response) && await classify(role, r, response);
            },
            anonymous
        );

    private Case Api(
        string key,
        Func<Role, Relation, bool> expected,
        Func<Role, Relation, Task<HttpResponseMessage>> call,
        Func<Role, Relation, HttpResponseMessage, Task<bool>>? classify = null
    ) => ApiAsync(key, expected, call, classify);

    private Case ApiAsync(
        string key,
        Func<Role, Relation, bool> expected,
        Func<Role, Relation, Task<HttpResponseMessage>> call,
        Func<Role, Relation, HttpResponseMessage, Task<bool>>? classify = null
    ) => new(key, expected, async (role, r) =>
        {
            var response = await call(role, r);
            return classify is null ? Allowed(response) : await classify(role, r, response);
        });

    private static Func<Role, Relation, HttpResponseMessage, Task<bool>> LinksTo(Func<Role, Relation, string> href) =>
        async (role, r, response) =>
            PageClient
                .Parse(await response.Content.ReadAsStringAsync())
                .QuerySelector($"main a[href='{href(role, r)}']")
                is not null;

    private static Func<Role, Relation, HttpResponseMessage, Task<bool>> ShowsText(
        Func<Role, Relation, string> text,
        string selector
    ) =>
        async (role, r, response) =>
            PageClient
                .Parse(await response.Content.ReadAsStringAsync())
                .QuerySelectorAll($"main {selector} td")
                .Any(td => td.TextContent.Trim() == text(role, r));

    /// <summary>2xx, or 400 from the validation that only runs after the scope check; denials are
    /// 401/403/404.</summary>
    private static bool Allowed(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        Assert.True(
            status < 500,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {status}"
        );
        if (
            status is 302
            && response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) == true
        )
        {
            return false;
        }

        return status is >= 200 and < 300 or 400;
    }

    private static bool IsPng(HttpResponseMessage response) =>
        Allowed(response)
        && response.IsSuccessStatusCode
        && response.Content.Headers.ContentType?.MediaType == "image/png";

    private static async Task<bool> JsonArrayNotEmpty(HttpResponseMessage response)
    {
        if (!Allowed(response) || !response.IsSuccessStatusCode)
        {
            return false;
        }

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("items")).GetArrayLength() > 0;
    }

    /// <summary>A list answered and holds the row with this id (a search can also find the rows of units whose code
    /// starts alike).</summary>
    private static async Task<bool> ItemsHaveAsync(HttpResponseMessage response, int id) =>
        Allowed(response)
        && response.IsSuccessStatusCode
        && JsonDocument
            .Parse(await response.Content.ReadAsStringAsync())
            .RootElement.GetProperty("items")
            .EnumerateArray()
            .Any(x => x.GetProperty("id").GetInt32() == id);

    private static async Task<HttpResponseMessage> PostWithTokenAsync(
        PageClient client,
        string url,
        Dictionary<string, string> fields
    )
    {
        var (_, page) = await client.GetPageAsync("/account");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        fields["__RequestVerificationToken"] = token;
        return await client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public void Every_endpoint_of_the_app_has_an_entry_in_the_matrix()
    {
        var keys = Cases().Select(c => c.Key).ToHashSet();
        var endpoints = fixture
            .Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Select(Key)
            .Distinct()
            .ToList();
        var missing = endpoints.Where(e => !keys.Contains(e)).ToList();
        var stale = keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an entry in the matrix: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Matrix entries for endpoints that no longer exist: " + string.Join(", ", stale));
    }

    private static string Key(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
        var isPage = endpoint.Metadata.Any(m => m.GetType().Name == "ComponentTypeMetadata");
        return isPage
            ? $"PAGE {endpoint.RoutePattern.RawText}"
            : $"{(methods.Count == 0 ? "ANY" : string.Join(",", methods))} {endpoint.RoutePattern.RawText}";
    }

    [Fact]
    public async Task Every_role_is_allowed_or_denied_exactly_as_the_role_table_and_the_unit_scope_say()
    {
        var mismatches = new List<string>();
        var probes = 0;
        foreach (var @case in Cases())
        {
            foreach (var role in Roles)
            {
                foreach (var relation in Relations)
                {
                    var expected = @case.Expected(role, relation);
                    var actual = await @case.Probe(role, relation);
                    probes++;
                    if (expected != actual)
                    {
                        mismatches.Add(
                            $"{@case.Key} as {role} on {relation} ({fixture.UnitOf(relation).Name}): expected {(expected ? "allowed" : "denied")}, was {(actual ? "allowed" : "denied")}"
                        );
                    }
                }
            }
        }

        Assert.True(
            mismatches.Count == 0,
            $"{mismatches.Count} of {probes} probes disagree:\n" + string.Join("\n", mismatches)
        );
        Assert.Empty(fixture.Log.Errors);
    }

    [Fact]
    public async Task Without_signing_in_only_public_pages_answer_and_the_API_says_401()
    {
        using var anonymous = fixture.NewPageClient();
        var api = fixture.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        var failures = new List<string>();
        foreach (var @case in Cases().Where(c => !c.Anonymous))
        {
            var parts = @case.Key.Split(' ', 2);
            var path = parts[1]
                .Replace("{Id:int}", fixture.Tree.C1.Id.ToString())
                .Replace("{id:int}", fixture.Tree.C1.Id.ToString())
                .Replace("{assignmentId:int}", "1")
                .Replace("{indicatorId:int}", "1")
                .Replace("{resultId:int}", "1")
                .Replace("{attachmentId:int}", "1")
                .Replace("{documentId:int}", "1")
                .Replace("{tokenId:int}", "1")
                .Replace("{IndicatorId:int}", "1")
                .Replace("{unitId:int}", fixture.Tree.P1.Id.ToString())
                .Replace("{UnitId:int}", fixture.Tree.P1.Id.ToString())
                .Replace("{itemId:int}", "1")
                .Replace("{ItemId:int}", "1")
                .Replace("{edition:int}", "1")
                .Replace("{Edition:int}", "1")
                .Replace("{commitmentId:int}", "1")
                .Replace("{CommitmentId:int}", "1")
                .Replace("{positionId:int}", "1")
                .Replace("{year:int}", "2026")
                .Replace("{Year:int}", "2026")
                .Replace("{PositionId:int}", "1")
                .Replace("{enrolmentId:int}", "1")
                .Replace("{EnrolmentId:int}", "1")
                .Replace("{kind}", "Month")
                .Replace("{KindName}", "Month")
                .Replace("{Action}", "Launch")
                .Replace("{Id:guid}", Guid.Empty.ToString())
                .Replace("{id:guid}", Guid.Empty.ToString())
                .TrimEnd('/');
            if (path.Length == 0 || path == "/")
            {
                continue; // the home page is public: it shows the public landing
            }

            if (parts[0] == "PAGE")
            {
                var response = await anonymous.GetAsync(path);
                if (
                    response.StatusCode != HttpStatusCode.Redirect
                    || response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal)
                        != true
                )
                {
                    failures.Add($"{@case.Key}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
            else if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                var method = new HttpMethod(parts[0].Split(',')[0]);
                HttpContent? body =
                    method == HttpMethod.Get ? null
                    : path.EndsWith("/import", StringComparison.Ordinal)
                    || path.EndsWith("/attachments", StringComparison.Ordinal)
                    || path.EndsWith("/documents", StringComparison.Ordinal)
                        ? new MultipartFormDataContent { { new ByteArrayContent([]), "file", "x.csv" } }
                    : JsonContent.Create(new { });
                var response = await api.SendAsync(new HttpRequestMessage(method, path) { Content = body });
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{@case.Key}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
    }
}
