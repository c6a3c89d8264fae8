using System.Net;
using System.Net.Http.Json;
using System.Text;
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
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture fixture) : IClassFixture<AuthorizationMatrixTests.Fixture>
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

        public Unit UnitOf(Relation relation) => relation switch
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

        /// <summary>A dialogue session of the unit (made once), its topic naming the unit so a search finds it.</summary>
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
                    UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId, UnitLevel = unit.Level,
                    Type = DanVan.Web.Features.Dialogues.DialogueType.AdHocDialogue, HeldOn = new DateOnly(2026, 6, 1), Topic = "Đối thoại ma trận " + unit.Code,
                    ChairName = "Chủ trì", Place = "Hội trường", CreatedAt = DateTime.UtcNow,
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

        public Task<int> FreshPetitionAsync(Unit unit) => WithDbAsync(async db =>
        {
            var petition = new DanVan.Web.Features.Petitions.Petition
            {
                HandlingUnitId = unit.Level == UnitLevel.Village ? unit.ParentId!.Value : unit.Id, Channel = DanVan.Web.Features.Petitions.PetitionChannel.Letter,
                ReceivedOn = new DateOnly(2026, 6, 1), CategoryId = await db.PetitionCategories.Select(c => c.Id).FirstAsync(), Title = "Kiến nghị ma trận " + unit.Code,
                Content = "Nội dung", PetitionerKind = DanVan.Web.Features.Petitions.PetitionerKind.Citizen, PetitionerName = "Người Thử",
                TrackingCode = DanVan.Web.Features.Petitions.PetitionRules.NewTrackingCode(), CreatedAt = DateTime.UtcNow,
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
                    _ => await db.Campaigns.SingleAsync(c => c.Id == ownerId),
                };
                var document = new DanVan.Web.Features.Documents.CaseDocument
                {
                    DialogueId = prefix == "dialogues" ? ownerId : null, PetitionId = prefix == "petitions" ? ownerId : null,
                    CampaignId = prefix == "campaigns" ? ownerId : null, UnitId = owner.UnitId,
                    ProvinceId = owner.ProvinceId, CommuneId = owner.CommuneId, VillageId = owner.VillageId, FileName = "bien-ban.pdf",
                    ContentType = "application/pdf", Type = AttachmentType.Pdf, Size = 9, ActorName = "system", CreatedAt = DateTime.UtcNow,
                };
                db.CaseDocuments.Add(document);
                await db.SaveChangesAsync();
                db.CaseDocumentContents.Add(new DanVan.Web.Features.Documents.CaseDocumentContent { DocumentId = document.Id, Bytes = "%PDF-1.4\n"u8.ToArray() });
                await db.SaveChangesAsync();
                return document.Id;
            });
            documents[(prefix, ownerId)] = id;
            return id;
        }

        private readonly Dictionary<Relation, (int Campaign, int Indicator)> campaigns = [];

        /// <summary>
        /// A campaign per relation as seen from C1 (made once, by the system administrator through the API): C1's own; a
        /// province campaign a village of C1 takes part in (Child: seen, not managed); the sibling's; a province campaign
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
            var created = await api.PostAsJsonAsync("/api/v1/campaigns", new
            {
                unitId = owner.Id, name = $"Phong trào ma trận {relation}", startsOn = "2026-01-01", endsOn = "2026-12-31", reportingLevel = "Village",
                participantIds = new[] { participant.Id },
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
            var indicator = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/indicators",
                new { name = "Hộ tham gia", measure = "Households", aggregation = "Sum", direction = "HigherIsBetter", frequency = "Monthly", decimals = 0 });
            Assert.True(indicator.IsSuccessStatusCode, await indicator.Content.ReadAsStringAsync());
            campaigns[relation] = ids = (id, JsonDocument.Parse(await indicator.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32());
            return ids;
        }

        public Task<int> VersionOfPetitionAsync(int id) => WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());

        public Task<int> FreshCalendarDayAsync() => WithDbAsync(async db =>
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
            WithDbAsync(db => db.Organizations.Where(o => o.UnitId == unit.Id).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());

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
                    OrganizationId = await OrganizationOfAsync(unit), FieldId = await db.ModelFields.Select(f => f.Id).FirstAsync(),
                    Kind = ModelKind.Model, Status = ModelStatus.Registered, Name = "Mô hình ma trận " + unit.Code,
                    Situation = "a", Goals = "b", Content = "c", AreaAndBeneficiaries = "d", Forces = "e", Resources = "f", Timeline = "g",
                    Outputs = "h", Sustainability = "i", StartDate = new DateOnly(2026, 1, 1), EvaluationDate = new DateOnly(2026, 12, 1),
                    RegisteredOn = new DateOnly(2026, 1, 1), CreatedAt = DateTime.UtcNow,
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
                    OrganizationId = organization, FieldId = await db.ModelFields.Select(f => f.Id).FirstAsync(), Kind = ModelKind.Model,
                    Status = ModelStatus.Implementing, Name = "Mô hình chấm điểm " + unit.Code, RegisteredOn = new DateOnly(2026, 1, 1), CreatedAt = DateTime.UtcNow,
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
                    UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId, UnitLevel = unit.Level,
                    FromYear = 2025, ToYear = 2025, CreatedAt = DateTime.UtcNow,
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
                await db.Models.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, ModelStatus.Recognized).SetProperty(m => m.IsPublic, true)
                    .SetProperty(m => m.RecognitionLevel, RecognitionLevel.Commune).SetProperty(m => m.RecognizedOn, new DateOnly(2026, 6, 1)));
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
                    SourceModelId = source, UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId,
                    UnitLevel = unit.Level, OrganizationId = organization, StartDate = new DateOnly(2026, 7, 1), Adaptations = "Điều chỉnh", CreatedAt = DateTime.UtcNow,
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
                var attachment = new ModelAttachment { ModelId = modelId, FileName = "a.png", ContentType = "image/png", Type = AttachmentType.Photo, Size = 16, CreatedAt = DateTime.UtcNow };
                model.Stamp(attachment);
                db.ModelAttachments.Add(attachment);
                await db.SaveChangesAsync();
                db.ModelAttachmentContents.Add(new ModelAttachmentContent { AttachmentId = attachment.Id, Bytes = Models.AttachmentTests.Png });
                await db.SaveChangesAsync();
                return attachment.Id;
            });
            if (!fresh)
            {
                attachments[modelId] = id;
            }

            return id;
        }

        public Task<int> FreshModelResultAsync(int modelId) => WithDbAsync(async db =>
        {
            var model = await db.Models.SingleAsync(m => m.Id == modelId);
            var result = new ModelResult { ModelId = modelId, IndicatorId = await db.ResultIndicators.Select(i => i.Id).FirstAsync(), Year = 2000 + (int)(DateTime.UtcNow.Ticks % 90), Actual = 1 };
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
                new Notifier(db, TimeProvider.System).Notify([accountId], NotificationKind.PetitionOverdue, "KN-MATRIX-" + accountId, NotificationLink);
                await db.SaveChangesAsync();
                return await db.Notifications.Where(n => n.AccountId == accountId).MaxAsync(n => n.Id);
            });
            notifications[accountId] = id;
            return id;
        }

        private readonly Dictionary<Relation, (int Id, int Indicator)> apiCampaigns = [];

        /// <summary>
        /// A campaign of each relation (made once through the API by the system administrator), running from ten days ago:
        /// own = C1's with V1 and V2, child = C1's with V1 only, sibling = C2's, other province = C3's, and parent = the
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
            var created = await api.PostAsJsonAsync("/api/v1/campaigns/", new
            {
                unitId = unit.Id, name = CampaignName(relation), startsOn = CampaignDay(-10), endsOn = CampaignDay(20), reportingLevel = "Village",
                participantIds = participants,
            });
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
            var indicator = await api.PostAsJsonAsync($"/api/v1/campaigns/{id}/indicators", new
            {
                name = "Mộ đã di dời", measure = "Graves", aggregation = "Sum", direction = "HigherIsBetter", frequency = "Daily", decimals = 0,
            });
            apiCampaigns[relation] = campaign = (id, JsonDocument.Parse(await indicator.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32());
            return campaign;
        }

        public static string CampaignName(Relation relation) => "Phong trào API ma trận " + relation;

        /// <summary>A day relative to today in Vietnam, as the API takes it.</summary>
        public static string CampaignDay(int offset) =>
            DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The participant whose figures a relation's probe enters.</summary>
        public Unit ParticipantOf(Relation relation) => relation switch
        {
            Relation.Sibling => Tree.V3,
            Relation.OtherProvince => Tree.V4,
            _ => Tree.V1,
        };

        private readonly Dictionary<Relation, (int Id, int IndicatorId, Unit Village)> figureCampaigns = [];

        /// <summary>
        /// A running campaign (made once) seen from C1 as the relation says: C1's own (Own), C1's with only V1 taking part
        /// (Child), the sibling's, the province's with only the sibling's village taking part (Parent: not C1's to see), the
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
            Assert.Equal(HttpStatusCode.OK, (await Campaigns.CampaignData.EnterAsync(api, id, Campaigns.CampaignData.Figure(village, indicator, today, 3))).StatusCode);
            figureCampaigns[relation] = (id, indicator, village);
            return (id, indicator, village);
        }

        public Task<int> FreshOrganizationAsync(Unit unit) => WithDbAsync(async db =>
        {
            var organization = new Organization
            {
                UnitId = unit.Id, ProvinceId = unit.ProvinceId, CommuneId = unit.CommuneId, VillageId = unit.VillageId,
                Type = OrganizationType.Other, Name = "Tổ chức tạm " + Guid.NewGuid().ToString("N")[..6],
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization.Id;
        });
    }

    /// <summary>The expectations, from the role table and the scope rules, independent of the code under test.</summary>
    private bool InScope(Role role, Unit unit) => role == Role.SystemAdministrator || unit.CommuneId == fixture.Tree.C1.Id;

    private static bool Has(Role role, Permission permission) => RolePermissions.Grants(role, permission);

    private bool CanManageUnitRecord(Role role, Unit unit) =>
        Has(role, Permission.UnitsManage) && fixture.ParentOf(unit) is { } parent && InScope(role, parent);

    private sealed record Case(string Key, Func<Role, Relation, bool> Expected, Func<Role, Relation, Task<bool>> Probe, bool Anonymous = false);

    private IEnumerable<Case> Cases()
    {
        var t = fixture;
        Unit U(Relation r) => t.UnitOf(r);
        bool View(Role role, Relation r) => Has(role, Permission.UnitsView) && InScope(role, U(r));

        // ---- Pages -------------------------------------------------------------------------------
        yield return Page("/", (_, _) => true, (_, _) => "/");
        yield return Page("/units", (role, r) => View(role, r), (_, r) => $"/units?q={U(r).Code}", LinksTo((_, r) => $"/units/{U(r).Id}"));
        yield return Page("/units/{Id:int}", View, (_, r) => $"/units/{U(r).Id}");
        yield return Page("/units/new", (role, r) => Has(role, Permission.UnitsManage) && InScope(role, U(r)) && U(r).Level < UnitLevel.Village,
            (_, r) => $"/units/new?parentId={U(r).Id}");
        yield return Page("/units/{Id:int}/edit", (role, r) => CanManageUnitRecord(role, U(r)), (_, r) => $"/units/{U(r).Id}/edit");
        yield return Page("/units/{Id:int}/retire", (role, r) => CanManageUnitRecord(role, U(r)), (_, r) => $"/units/{U(r).Id}/retire");
        yield return Page("/units/{Id:int}/merge", (role, r) => CanManageUnitRecord(role, U(r)), (_, r) => $"/units/{U(r).Id}/merge");
        yield return Page("/units/import", (role, _) => Has(role, Permission.UnitsManage), (_, _) => "/units/import");
        yield return Page("/organizations", (role, r) => InScope(role, U(r)), (_, r) => $"/organizations?q={Uri.EscapeDataString("Ủy ban nhân dân " + U(r).Name)}",
            LinksTo((_, r) => $"/units/{U(r).Id}"));
        yield return Page("/organizations/new", (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            (_, r) => $"/organizations/new?unitId={U(r).Id}");
        yield return PageAsync("/organizations/{Id:int}/edit", (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            async (_, r) => $"/organizations/{await t.OrganizationOfAsync(U(r))}/edit");
        yield return Page("/accounts", (role, r) => Has(role, Permission.AccountsView) && InScope(role, U(r)),
            (_, r) => $"/accounts?q={Uri.EscapeDataString(t.TargetAccounts[r].Email)}", LinksTo((_, r) => $"/accounts/{t.TargetAccounts[r].Id}"));
        yield return Page("/accounts/new", (role, _) => Has(role, Permission.AccountsManage), (_, _) => "/accounts/new");
        yield return Page("/accounts/{Id:int}", (role, r) => Has(role, Permission.AccountsView) && InScope(role, U(r)),
            (_, r) => $"/accounts/{t.TargetAccounts[r].Id}");
        yield return Page("/accounts/{Id:int}/edit", (role, r) => Has(role, Permission.AccountsManage) && InScope(role, U(r)),
            (_, r) => $"/accounts/{t.TargetAccounts[r].Id}/edit");
        yield return Page("/audit", (role, r) => Has(role, Permission.AuditView) && InScope(role, U(r)),
            (_, r) => $"/audit?unitId={U(r).Id}", ShowsText((_, r) => U(r).Name, "table"));
        foreach (var self in new[] { "/account", "/account/password", "/account/two-factor", "/account/tokens" })
        {
            yield return Page(self, (_, _) => true, (_, _) => self);
        }

        foreach (var open in new[] { "/account/login", "/account/login/two-factor", "/account/login/recovery", "/account/lockout", "/error" })
        {
            yield return Page(open, (_, _) => true, (_, _) => open, anonymous: true);
        }

        yield return new Case("PAGE /account/access-denied", (_, _) => false, async (role, _) => Allowed(await t.Pages[role].GetAsync("/account/access-denied")), Anonymous: true);
        yield return new Case("PAGE /not-found", (_, _) => false, async (role, _) => Allowed(await t.Pages[role].GetAsync("/not-found")), Anonymous: true);

        // ---- Plain endpoints ---------------------------------------------------------------------
        yield return new Case("GET /culture", (_, _) => true, async (role, _) =>
            (await t.Pages[role].GetAsync("/culture?c=vi-VN&returnUrl=/")).StatusCode == HttpStatusCode.Redirect, Anonymous: true);
        yield return new Case("ANY /health", (_, _) => true, async (role, _) => Allowed(await t.Api[role].GetAsync("/health")), Anonymous: true);
        yield return new Case("GET /openapi/{documentName}.json", (_, _) => true, async (role, _) => Allowed(await t.Api[role].GetAsync("/openapi/v1.json")), Anonymous: true);
        yield return new Case("GET /api-docs", (_, _) => true, async (role, _) => Allowed(await t.Pages[role].GetAsync("/api-docs")), Anonymous: true);
        yield return new Case("GET /scalar/{documentName?}", (_, _) => true, async (role, _) =>
            (await t.Pages[role].GetAsync("/scalar/v1")).Headers.Location?.ToString() == "/api-docs", Anonymous: true);
        foreach (var asset in new[] { "scalar.js", "scalar.aspnetcore.js", "favicon.svg" })
        {
            yield return new Case($"GET /scalar/{asset}", (_, _) => true, async (role, _) => Allowed(await t.Pages[role].GetAsync($"/scalar/{asset}")), Anonymous: true);
        }

        yield return new Case("GET,HEAD {**path:file}", (_, _) => true, async (role, _) => Allowed(await t.Pages[role].GetAsync("/favicon.svg")), Anonymous: true);
        yield return new Case("GET /_framework/opaque-redirect", (_, _) => true, async (role, _) =>
            (int)(await t.Pages[role].GetAsync("/_framework/opaque-redirect")).StatusCode < 500, Anonymous: true);
        // Self-service posts: each acts only on the caller's own session or account.
        yield return new Case("POST /account/switch-unit", (_, _) => true, async (role, r) =>
        {
            var response = await PostWithTokenAsync(t.Pages[role], "/account/switch-unit", new() { ["unitId"] = U(r).Id.ToString(), ["returnUrl"] = "/" });
            return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString() == "/";
        });
        yield return new Case("POST /account/logout", (_, _) => true, async (role, _) =>
        {
            using var client = await t.SignInAsync(await t.CreateAccountAsync(role, role == Role.SystemAdministrator ? t.Tree.Root : t.Tree.C1));
            var response = await PostWithTokenAsync(client, "/account/logout", []);
            return response.StatusCode == HttpStatusCode.Redirect && (await client.GetAsync("/account")).StatusCode == HttpStatusCode.Redirect;
        }, Anonymous: true);
        yield return new Case("POST /account/logout-everywhere", (_, _) => true, async (role, _) =>
        {
            using var client = await t.SignInAsync(await t.CreateAccountAsync(role, role == Role.SystemAdministrator ? t.Tree.Root : t.Tree.C1));
            var response = await PostWithTokenAsync(client, "/account/logout-everywhere", []);
            return response.Headers.Location?.ToString().StartsWith("/account/login?done", StringComparison.Ordinal) == true;
        });

        // ---- API: units --------------------------------------------------------------------------
        yield return Api("GET /api/v1/units/", View, (role, r) => t.Api[role].GetAsync($"/api/v1/units/?q={U(r).Code}"),
            async (_, r, response) => Allowed(response) && response.IsSuccessStatusCode
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
                    .Any(item => item.GetProperty("id").GetInt32() == U(r).Id));
        yield return Api("GET /api/v1/units/{id:int}", View, (role, r) => t.Api[role].GetAsync($"/api/v1/units/{U(r).Id}"));
        yield return Api("POST /api/v1/units/", (role, r) => Has(role, Permission.UnitsManage) && InScope(role, U(r)),
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/units/", new { parentId = U(r).Id, code = "", name = "", kind = "Village" }));
        yield return Api("PUT /api/v1/units/{id:int}", (role, r) => CanManageUnitRecord(role, U(r)),
            (role, r) => t.Api[role].PutAsJsonAsync($"/api/v1/units/{U(r).Id}", new { code = "", name = "", kind = U(r).Kind.ToString() }));
        yield return Api("POST /api/v1/units/{id:int}/retire", (role, r) => CanManageUnitRecord(role, U(r)),
            (role, r) => t.Api[role].PostAsJsonAsync($"/api/v1/units/{U(r).Id}/retire", new { validTo = (string?)null }));
        yield return Api("POST /api/v1/units/merge", (role, r) => CanManageUnitRecord(role, U(r)),
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/units/merge", new { sourceIds = new[] { U(r).Id }, targetId = U(r).Id }));
        yield return Api("POST /api/v1/units/import", (role, r) => Has(role, Permission.UnitsManage) && InScope(role, U(r)) && U(r).Level < UnitLevel.Village,
            (role, r) =>
            {
                var kind = U(r).Level == UnitLevel.Province ? "commune" : "village";
                var csv = $"code,name,kind,parent_code\nX{(int)r}{(int)role},Đơn vị thử,{kind},{U(r).Code}\n";
                var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "units.csv" } };
                return t.Api[role].PostAsync("/api/v1/units/import", form);
            },
            async (_, _, response) => response.IsSuccessStatusCode
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("problems").GetArrayLength() == 0);

        // ---- API: organizations ------------------------------------------------------------------
        yield return Api("GET /api/v1/organizations/", (role, r) => InScope(role, U(r)),
            (role, r) => t.Api[role].GetAsync($"/api/v1/organizations/?unitId={U(r).Id}"), (_, _, response) => JsonArrayNotEmpty(response));
        yield return ApiAsync("GET /api/v1/organizations/{id:int}", (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/organizations/{await t.OrganizationOfAsync(U(r))}"));
        yield return Api("POST /api/v1/organizations/", (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/organizations/", new { unitId = U(r).Id, type = "Other", name = "" }));
        yield return ApiAsync("PUT /api/v1/organizations/{id:int}", (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            async (role, r) => await t.Api[role].PutAsJsonAsync($"/api/v1/organizations/{await t.OrganizationOfAsync(U(r))}", new { type = "Other", name = "" }));
        yield return ApiAsync("DELETE /api/v1/organizations/{id:int}", (role, r) => Has(role, Permission.OrganizationsManage) && InScope(role, U(r)),
            async (role, r) => await t.Api[role].DeleteAsync($"/api/v1/organizations/{await t.FreshOrganizationAsync(U(r))}"));

        // ---- Models ------------------------------------------------------------------------------
        bool EditModels(Role role, Relation r) => Has(role, Permission.ModelsEdit) && InScope(role, U(r));
        Task<int> M(Relation r) => t.ModelOfAsync(U(r));
        yield return PageAsync("/models", (role, r) => InScope(role, U(r)),
            async (_, r) =>
            {
                await M(r);
                return $"/models?q={Uri.EscapeDataString("Mô hình ma trận " + U(r).Code)}";
            },
            async (_, r, response) => PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector($"main a[href='/models/{await M(r)}']") is not null);
        yield return PageAsync("/models/{Id:int}", (role, r) => InScope(role, U(r)), async (_, r) => $"/models/{await M(r)}");
        yield return Page("/models/new", EditModels, (_, r) => $"/models/new?unitId={U(r).Id}");
        yield return PageAsync("/models/{Id:int}/edit", EditModels, async (_, r) => $"/models/{await M(r)}/edit");
        yield return PageAsync("/models/{Id:int}/steps/{Action}", EditModels, async (_, r) => $"/models/{await M(r)}/steps/Launch");
        yield return ApiAsync("GET /api/v1/models/", (role, r) => InScope(role, U(r)), async (role, r) =>
        {
            await M(r);
            return await t.Api[role].GetAsync($"/api/v1/models/?q={Uri.EscapeDataString("Mô hình ma trận " + U(r).Code)}");
        }, async (_, r, response) => Allowed(response) && response.IsSuccessStatusCode
            && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
                .Any(item => item.GetProperty("id").GetInt32() == M(r).Result));
        yield return ApiAsync("GET /api/v1/models/{id:int}", (role, r) => InScope(role, U(r)), async (role, r) => await t.Api[role].GetAsync($"/api/v1/models/{await M(r)}"));
        yield return Api("POST /api/v1/models/", EditModels,
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/models/", new { unitId = U(r).Id, name = "" }));
        yield return ApiAsync("PUT /api/v1/models/{id:int}", EditModels,
            async (role, r) => await t.Api[role].PutAsJsonAsync($"/api/v1/models/{await M(r)}", new { name = "" }));
        yield return ApiAsync("POST /api/v1/models/{id:int}/steps", EditModels,
            async (role, r) => await t.Api[role].PostAsJsonAsync($"/api/v1/models/{await M(r)}/steps", new { action = "Launch" }));
        yield return ApiAsync("PUT /api/v1/models/{id:int}/results", EditModels,
            async (role, r) => await t.Api[role].PutAsJsonAsync($"/api/v1/models/{await M(r)}/results", new { year = 1 }));
        yield return ApiAsync("DELETE /api/v1/models/{id:int}/results/{resultId:int}", EditModels, async (role, r) =>
        {
            var model = await M(r);
            return await t.Api[role].DeleteAsync($"/api/v1/models/{model}/results/{await t.FreshModelResultAsync(model)}");
        });
        yield return PageAsync("/models/{Id:int}/replicate", EditModels, async (_, r) => $"/models/{await M(r)}/replicate");
        yield return PageAsync("/replications/{Id:int}", (role, r) => InScope(role, U(r)), async (_, r) => $"/replications/{await t.ReplicationOfAsync(U(r))}");
        yield return Page("/library", (_, _) => true, (_, _) => "/library", anonymous: true);
        yield return PageAsync("/library/{Id:int}", (_, _) => true, async (_, _) => $"/library/{await t.RecognizedModelAsync()}", anonymous: true);
        yield return ApiAsync("GET /api/v1/models/{id:int}/replications", (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/models/{await M(r)}/replications"));
        yield return ApiAsync("POST /api/v1/models/{id:int}/replications", EditModels,
            async (role, r) => await t.Api[role].PostAsJsonAsync($"/api/v1/models/{await t.RecognizedModelAsync()}/replications", new { unitId = U(r).Id }));
        yield return ApiAsync("GET /api/v1/replications/{id:int}", (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/replications/{await t.ReplicationOfAsync(U(r))}"));
        yield return ApiAsync("PUT /api/v1/replications/{id:int}", EditModels,
            async (role, r) => await t.Api[role].PutAsJsonAsync($"/api/v1/replications/{await t.ReplicationOfAsync(U(r))}", new { adaptations = "" }));
        yield return ApiAsync("PUT /api/v1/replications/{id:int}/results", EditModels,
            async (role, r) => await t.Api[role].PutAsJsonAsync($"/api/v1/replications/{await t.ReplicationOfAsync(U(r))}/results", new { year = 1 }));
        Func<Role, Relation, HttpResponseMessage, Task<bool>> ExportHas = async (_, r, response) =>
        {
            var id = await M(r);
            return Allowed(response) && response.IsSuccessStatusCode
                && (await response.Content.ReadAsStringAsync()).Split('\n').Any(line => line.StartsWith($"{id},", StringComparison.Ordinal));
        };
        yield return new Case("GET /models/export", (role, r) => InScope(role, U(r)), async (role, r) =>
        {
            await M(r);
            var response = await t.Pages[role].GetAsync($"/models/export?format=csv&q={Uri.EscapeDataString("Mô hình ma trận " + U(r).Code)}");
            return await ExportHas(role, r, response);
        });
        yield return ApiAsync("GET /api/v1/models/export", (role, r) => InScope(role, U(r)), async (role, r) =>
        {
            await M(r);
            return await t.Api[role].GetAsync($"/api/v1/models/export?format=csv&q={Uri.EscapeDataString("Mô hình ma trận " + U(r).Code)}");
        }, ExportHas);
        yield return ApiAsync("POST /api/v1/models/{id:int}/attachments", EditModels, async (role, r) =>
            await t.Api[role].PostAsync($"/api/v1/models/{await M(r)}/attachments",
                new MultipartFormDataContent { { new ByteArrayContent("not a photo"u8.ToArray()), "file", "x.png" } }));
        yield return ApiAsync("GET /api/v1/models/{id:int}/attachments/{attachmentId:int}", (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/models/{await M(r)}/attachments/{await t.AttachmentOfAsync(await M(r))}"));
        yield return new Case("GET /models/{id:int}/attachments/{attachmentId:int}", (role, r) => InScope(role, U(r)),
            async (role, r) => Allowed(await t.Pages[role].GetAsync($"/models/{await M(r)}/attachments/{await t.AttachmentOfAsync(await M(r))}")));
        yield return ApiAsync("DELETE /api/v1/models/{id:int}/attachments/{attachmentId:int}", EditModels, async (role, r) =>
        {
            var model = await M(r);
            return await t.Api[role].DeleteAsync($"/api/v1/models/{model}/attachments/{await t.AttachmentOfAsync(model, fresh: true)}");
        });
        yield return new Case("GET /library/{id:int}/photos/{attachmentId:int}", (_, _) => true, async (role, _) =>
        {
            var model = await t.RecognizedModelAsync();
            return Allowed(await t.Pages[role].GetAsync($"/library/{model}/photos/{await t.AttachmentOfAsync(model)}"));
        }, Anonymous: true);
        bool Evaluates(Role role, Relation r) =>
            (Has(role, Permission.ModelsInspect) && t.ParentOf(U(r)) is { } above && InScope(role, above))
            || (Has(role, Permission.ModelsRecognize) && InScope(role, U(r)));
        yield return PageAsync("/models/{Id:int}/evaluate", Evaluates, async (_, r) => $"/models/{await t.EvaluableOfAsync(U(r))}/evaluate");
        yield return ApiAsync("POST /api/v1/models/{id:int}/evaluations", Evaluates,
            async (role, r) => await t.Api[role].PostAsJsonAsync($"/api/v1/models/{await t.EvaluableOfAsync(U(r))}/evaluations", new { scores = new { } }));
        yield return ApiAsync("GET /api/v1/models/{id:int}/evaluations", (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/models/{await M(r)}/evaluations"));
        yield return Api("GET /api/v1/rubrics", (_, _) => true, (role, _) => t.Api[role].GetAsync("/api/v1/rubrics"), (_, _, response) => JsonArrayNotEmpty(response));
        yield return Page("/models/reviews", (_, _) => true, (_, _) => "/models/reviews");
        yield return PageAsync("/models/reviews/{Id:int}", (role, r) => InScope(role, U(r)), async (_, r) => $"/models/reviews/{await t.ReviewOfAsync(U(r))}");
        yield return ApiAsync("GET /api/v1/model-reviews/", (role, r) => InScope(role, U(r)), async (role, r) =>
        {
            var id = await t.ReviewOfAsync(U(r));
            var response = await t.Api[role].GetAsync("/api/v1/model-reviews/");
            return response;
        }, async (_, r, response) => Allowed(response) && response.IsSuccessStatusCode
            && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Any(x => x.GetProperty("id").GetInt32() == t.ReviewOfAsync(U(r)).Result));
        yield return ApiAsync("GET /api/v1/model-reviews/{id:int}", (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/model-reviews/{await t.ReviewOfAsync(U(r))}"));
        yield return Api("POST /api/v1/model-reviews/", EditModels,
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/model-reviews/", new { unitId = U(r).Id, fromYear = 1, toYear = 1 }));
        yield return ApiAsync("PUT /api/v1/model-reviews/{id:int}", EditModels,
            async (role, r) => await t.Api[role].PutAsJsonAsync($"/api/v1/model-reviews/{await t.ReviewOfAsync(U(r))}", new { items = new Dictionary<string, object> { ["999999"] = new { classification = "Maintain" } } }));
        yield return Page("/models/settings", (role, _) => Has(role, Permission.ModelsConfigure), (_, _) => "/models/settings");
        yield return Api("POST /api/v1/model-fields", (role, _) => Has(role, Permission.ModelsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/model-fields", new { code = "" }));
        yield return Api("POST /api/v1/result-indicators", (role, _) => Has(role, Permission.ModelsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/result-indicators", new { code = "" }));
        yield return Api("POST /api/v1/rubrics", (role, _) => Has(role, Permission.ModelsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/rubrics", new { name = "" }));
        yield return Api("GET /api/v1/models/counts", (role, r) => InScope(role, U(r)), (role, r) => t.Api[role].GetAsync($"/api/v1/models/counts?unitId={U(r).Id}"));
        yield return Api("GET /api/v1/model-fields", (_, _) => true, (role, _) => t.Api[role].GetAsync("/api/v1/model-fields"), (_, _, response) => JsonArrayNotEmpty(response));
        yield return Api("GET /api/v1/result-indicators", (_, _) => true, (role, _) => t.Api[role].GetAsync("/api/v1/result-indicators"), (_, _, response) => JsonArrayNotEmpty(response));

        // ---- Dialogues and petitions --------------------------------------------------------------
        bool EditDialogues(Role role, Relation r) => Has(role, Permission.DialoguesEdit) && InScope(role, U(r));
        bool EditPetitions(Role role, Relation r) => Has(role, Permission.PetitionsEdit) && InScope(role, U(r));
        bool SeesPersonalData(Role role, Relation r) => role != Role.AgencyHandler && Has(role, Permission.PetitionsPersonalData) && InScope(role, U(r));
        // The matrix's petitions are received, not assigned: an agency handler sees none of them (LeastPrivilegeTests
        // follows one through its assignment), a register reader sees them, only a case reader reads their documents.
        bool ReadsRegister(Role role, Relation r) => Has(role, Permission.PetitionsView) && InScope(role, U(r));
        bool ReadsCase(Role role, Relation r) => Has(role, Permission.PetitionsRead) && InScope(role, U(r));
        Task<int> P(Relation r) => t.PetitionOfAsync(U(r));
        yield return PageAsync("/dialogues", (role, r) => InScope(role, U(r)), async (_, r) =>
        {
            await t.DialogueOfAsync(U(r));
            return $"/dialogues?q={Uri.EscapeDataString("Đối thoại ma trận " + U(r).Code)}";
        }, async (_, r, response) => PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector($"main a[href='/dialogues/{await t.DialogueOfAsync(U(r))}']") is not null);
        yield return Page("/dialogues/new", EditDialogues, (_, r) => $"/dialogues/new?unitId={U(r).Id}");
        yield return PageAsync("/dialogues/{Id:int}", (role, r) => InScope(role, U(r)), async (_, r) => $"/dialogues/{await t.DialogueOfAsync(U(r))}");
        yield return PageAsync("/dialogues/{Id:int}/edit", EditDialogues, async (_, r) => $"/dialogues/{await t.DialogueOfAsync(U(r))}/edit");
        yield return Page("/dialogues/reception", (role, r) => InScope(role, U(r)), (_, r) => $"/dialogues/reception?unitId={U(r).Id}");
        yield return PageAsync("/petitions", ReadsRegister, async (_, r) =>
        {
            await P(r);
            return $"/petitions?q={Uri.EscapeDataString("Kiến nghị ma trận " + U(r).Code)}";
        }, async (_, r, response) => PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector($"main a[href='/petitions/{await P(r)}']") is not null);
        yield return Page("/petitions/new", EditPetitions, (_, r) => $"/petitions/new?unitId={U(r).Id}");
        yield return PageAsync("/petitions/{Id:int}", ReadsRegister, async (_, r) => $"/petitions/{await P(r)}");
        yield return PageAsync("/petitions/{Id:int}/steps/{Action}", EditPetitions, async (_, r) => $"/petitions/{await P(r)}/steps/Assign");
        yield return Page("/petitions/dashboard", ReadsRegister, (_, r) => $"/petitions/dashboard?unitId={U(r).Id}");
        yield return Page("/petitions/settings", (role, _) => Has(role, Permission.PetitionsConfigure), (_, _) => "/petitions/settings");
        yield return Page("/track", (_, _) => true, (_, _) => "/track", anonymous: true);
        yield return ApiAsync("GET /api/v1/dialogues/", (role, r) => InScope(role, U(r)), async (role, r) =>
        {
            await t.DialogueOfAsync(U(r));
            return await t.Api[role].GetAsync($"/api/v1/dialogues/?q={Uri.EscapeDataString("Đối thoại ma trận " + U(r).Code)}");
        }, async (_, r, response) => await ItemsHaveAsync(response, await t.DialogueOfAsync(U(r))));
        yield return ApiAsync("GET /api/v1/dialogues/{id:int}", (role, r) => InScope(role, U(r)),
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/dialogues/{await t.DialogueOfAsync(U(r))}"));
        yield return Api("POST /api/v1/dialogues/", EditDialogues,
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/dialogues/", new { unitId = U(r).Id, topic = "" }));
        yield return ApiAsync("PUT /api/v1/dialogues/{id:int}", EditDialogues,
            async (role, r) => await t.Api[role].PutAsJsonAsync($"/api/v1/dialogues/{await t.DialogueOfAsync(U(r))}", new { topic = "" }));
        yield return Api("GET /api/v1/dialogues/reception", (role, r) => InScope(role, U(r)),
            (role, r) => t.Api[role].GetAsync($"/api/v1/dialogues/reception?unitId={U(r).Id}"));
        yield return ApiAsync("GET /api/v1/petitions/", ReadsRegister, async (role, r) =>
        {
            await P(r);
            return await t.Api[role].GetAsync($"/api/v1/petitions/?q={Uri.EscapeDataString("Kiến nghị ma trận " + U(r).Code)}");
        }, async (_, r, response) => await ItemsHaveAsync(response, await P(r)));
        yield return ApiAsync("GET /api/v1/petitions/{id:int}", ReadsRegister, async (role, r) => await t.Api[role].GetAsync($"/api/v1/petitions/{await P(r)}"));
        yield return ApiAsync("POST /api/v1/petitions/{id:int}/receipt", EditPetitions, async (role, r) => await t.Api[role].PostAsync($"/api/v1/petitions/{await P(r)}/receipt", null));
        yield return Api("POST /api/v1/petitions/", EditPetitions,
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/petitions/", new { unitId = U(r).Id, title = "" }));
        yield return ApiAsync("POST /api/v1/petitions/{id:int}/steps", EditPetitions, async (role, r) =>
        {
            var id = await P(r);
            return await t.Api[role].PostAsJsonAsync($"/api/v1/petitions/{id}/steps", new { action = "Assign", version = await t.VersionOfPetitionAsync(id) });
        });
        yield return ApiAsync("POST /api/v1/petitions/{id:int}/personal-data", SeesPersonalData,
            async (role, r) => await t.Api[role].PostAsync($"/api/v1/petitions/{await P(r)}/personal-data", null));
        yield return ApiAsync("POST /api/v1/petitions/{id:int}/personal-data/export", SeesPersonalData,
            async (role, r) => await t.Api[role].PostAsync($"/api/v1/petitions/{await P(r)}/personal-data/export", null));
        yield return new Case("POST /petitions/{id:int}/personal-data/export", SeesPersonalData, async (role, r) =>
        {
            var response = await PostWithTokenAsync(t.Pages[role], $"/petitions/{await P(r)}/personal-data/export", []);
            return Allowed(response) && response.Content.Headers.ContentType?.MediaType == "application/json";
        });
        yield return ApiAsync("POST /api/v1/petitions/{id:int}/personal-data/erase", SeesPersonalData, async (role, r) =>
        {
            var id = await t.FreshPetitionAsync(U(r));
            return await t.Api[role].PostAsJsonAsync($"/api/v1/petitions/{id}/personal-data/erase", new { version = await t.VersionOfPetitionAsync(id) });
        });
        yield return Api("GET /api/v1/petitions/dashboard", ReadsRegister,
            (role, r) => t.Api[role].GetAsync($"/api/v1/petitions/dashboard?unitId={U(r).Id}"));
        yield return Api("GET /api/v1/petitions/categories", (_, _) => true, (role, _) => t.Api[role].GetAsync("/api/v1/petitions/categories"), (_, _, response) => JsonArrayNotEmpty(response));
        yield return Api("POST /api/v1/petitions/categories", (role, _) => Has(role, Permission.PetitionsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/petitions/categories", new { code = "" }));
        yield return ApiAsync("PUT /api/v1/petitions/categories/{id:int}", (role, _) => Has(role, Permission.PetitionsConfigure), async (role, _) =>
            await t.Api[role].PutAsJsonAsync($"/api/v1/petitions/categories/{await t.WithDbAsync(db => db.PetitionCategories.Select(c => c.Id).FirstAsync())}", new { code = "" }));
        yield return Api("GET /api/v1/petitions/calendar", (_, _) => true, (role, _) => t.Api[role].GetAsync("/api/v1/petitions/calendar?year=2026"), (_, _, response) => JsonArrayNotEmpty(response));
        yield return Api("POST /api/v1/petitions/calendar", (role, _) => Has(role, Permission.PetitionsConfigure),
            (role, _) => t.Api[role].PostAsJsonAsync("/api/v1/petitions/calendar", new { name = "" }));
        yield return ApiAsync("DELETE /api/v1/petitions/calendar/{id:int}", (role, _) => Has(role, Permission.PetitionsConfigure),
            async (role, _) => await t.Api[role].DeleteAsync($"/api/v1/petitions/calendar/{await t.FreshCalendarDayAsync()}"));
        foreach (var (prefix, edit, read, owner) in new (string, Func<Role, Relation, bool>, Func<Role, Relation, bool>, Func<Relation, Task<int>>)[]
                 {
                     ("dialogues", EditDialogues, (role, r) => InScope(role, U(r)), r => t.DialogueOfAsync(U(r))), ("petitions", EditPetitions, ReadsCase, P),
                 })
        {
            yield return ApiAsync($"POST /api/v1/{prefix}/{{id:int}}/documents", edit, async (role, r) => await t.Api[role].PostAsync($"/api/v1/{prefix}/{await owner(r)}/documents",
                new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.pdf" } }));
            yield return ApiAsync($"GET /api/v1/{prefix}/{{id:int}}/documents/{{documentId:int}}", read, async (role, r) =>
                await t.Api[role].GetAsync($"/api/v1/{prefix}/{await owner(r)}/documents/{await t.DocumentOfAsync(prefix, await owner(r))}"));
            yield return new Case($"GET /{prefix}/{{id:int}}/documents/{{documentId:int}}", read, async (role, r) =>
                Allowed(await t.Pages[role].GetAsync($"/{prefix}/{await owner(r)}/documents/{await t.DocumentOfAsync(prefix, await owner(r))}")));
        }

        // ---- Campaigns: seen by the subtree of the campaign's unit and by the units taking part; managed from the subtree.
        bool SeesCampaign(Role role, Relation r) => role == Role.SystemAdministrator || r is Relation.Own or Relation.Child;
        bool ManagesCampaign(Role role, Relation r) => Has(role, Permission.CampaignsManage) && (role == Role.SystemAdministrator || r == Relation.Own);
        Task<(int Campaign, int Indicator)> C(Relation r) => t.CampaignOfAsync(r);
        yield return PageAsync("/campaigns", SeesCampaign, async (_, r) =>
        {
            await C(r);
            return $"/campaigns?q={Uri.EscapeDataString("Phong trào ma trận " + r)}";
        }, async (_, r, response) => PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector($"main a[href='/campaigns/{(await C(r)).Campaign}']") is not null);
        yield return PageAsync("/campaigns/{Id:int}", SeesCampaign, async (_, r) => $"/campaigns/{(await C(r)).Campaign}");
        yield return Page("/campaigns/new", (role, r) => Has(role, Permission.CampaignsManage) && InScope(role, U(r)) && U(r).Level != UnitLevel.Village,
            (_, r) => $"/campaigns/new?unitId={U(r).Id}");
        yield return PageAsync("/campaigns/{Id:int}/edit", ManagesCampaign, async (_, r) => $"/campaigns/{(await C(r)).Campaign}/edit");
        yield return PageAsync("/campaigns/{Id:int}/indicators/new", ManagesCampaign, async (_, r) => $"/campaigns/{(await C(r)).Campaign}/indicators/new");
        yield return PageAsync("/campaigns/{Id:int}/indicators/{IndicatorId:int}/edit", ManagesCampaign, async (_, r) =>
        {
            var (campaign, indicator) = await C(r);
            return $"/campaigns/{campaign}/indicators/{indicator}/edit";
        });
        yield return PageAsync("/campaigns/{Id:int}/targets", SeesCampaign, async (_, r) =>
        {
            var (campaign, indicator) = await C(r);
            return $"/campaigns/{campaign}/targets?indicatorId={indicator}";
        });
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/documents", ManagesCampaign, async (role, r) =>
            await t.Api[role].PostAsync($"/api/v1/campaigns/{(await C(r)).Campaign}/documents", new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.pdf" } }));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/documents/{documentId:int}", SeesCampaign, async (role, r) =>
        {
            var campaign = (await C(r)).Campaign;
            return await t.Api[role].GetAsync($"/api/v1/campaigns/{campaign}/documents/{await t.DocumentOfAsync("campaigns", campaign)}");
        });
        yield return new Case("GET /campaigns/{id:int}/documents/{documentId:int}", SeesCampaign, async (role, r) =>
        {
            var campaign = (await C(r)).Campaign;
            return Allowed(await t.Pages[role].GetAsync($"/campaigns/{campaign}/documents/{await t.DocumentOfAsync("campaigns", campaign)}"));
        });

        yield return new Case("POST /api/v1/tracking/", (_, _) => true, async (role, _) =>
            (await t.Api[role].PostAsJsonAsync("/api/v1/tracking/", new { code = "ZZZZZ-ZZZZZ" })).StatusCode == HttpStatusCode.NotFound, Anonymous: true);
        yield return new Case("POST /api/v1/tracking/verdict", (_, _) => true, async (role, _) =>
            (await t.Api[role].PostAsJsonAsync("/api/v1/tracking/verdict", new { code = "ZZZZZ-ZZZZZ", verdict = "Satisfied" })).StatusCode == HttpStatusCode.NotFound, Anonymous: true);
        // ---- Notifications: every account reads and marks its own, nobody (not even an administrator) another's.
        // "Own" probes the caller's own notification; every other relation one of the target account of that unit.
        Task<int> NotificationOf(Role role, Relation r) => t.NotificationOfAsync(r == Relation.Own ? t.Accounts[role].Id : t.TargetAccounts[r].Id);
        Func<Role, Relation, bool> ownOnly = (_, r) => r == Relation.Own;
        yield return PageAsync("/notifications", (_, _) => true, async (role, _) =>
        {
            await NotificationOf(role, Relation.Own);
            return "/notifications";
        }, async (role, _, response) => PageClient.Parse(await response.Content.ReadAsStringAsync())
            .QuerySelector($"main a[href='/notifications/{await NotificationOf(role, Relation.Own)}/open']") is not null);
        yield return new Case("GET /notifications/{id:int}/open", ownOnly, async (role, r) =>
        {
            var response = await t.Pages[role].GetAsync($"/notifications/{await NotificationOf(role, r)}/open");
            Assert.True((int)response.StatusCode < 500, $"open answered {(int)response.StatusCode}");
            return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString() == Fixture.NotificationLink;
        });
        yield return ApiAsync("GET /api/v1/notifications/", (_, _) => true, async (role, _) =>
        {
            await NotificationOf(role, Relation.Own);
            return await t.Api[role].GetAsync("/api/v1/notifications/");
        }, async (role, _, response) => Allowed(response) && response.IsSuccessStatusCode
            && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
                .Any(item => item.GetProperty("id").GetInt32() == NotificationOf(role, Relation.Own).Result));
        yield return Api("POST /api/v1/notifications/read", (_, _) => true, (role, _) => t.Api[role].PostAsync("/api/v1/notifications/read", null));
        yield return ApiAsync("POST /api/v1/notifications/{id:int}/read", ownOnly,
            async (role, r) => await t.Api[role].PostAsync($"/api/v1/notifications/{await NotificationOf(role, r)}/read", null));

        // ---- Campaigns: seen in the campaign unit's subtree and by the units taking part (C1 in P1's), managed in the
        // campaign unit's subtree, figures entered for participants in the caller's subtree -----------------------------
        bool SeesApiCampaign(Role role, Relation r) => InScope(role, U(r)) || r == Relation.Parent;
        bool ManagesApiCampaign(Role role, Relation r) => Has(role, Permission.CampaignsManage) && InScope(role, U(r));
        Task<(int Id, int Indicator)> Cp(Relation r) => t.ApiCampaignOfAsync(r);
        async Task<string> CampaignPathAsync(Relation r, string rest) => $"/api/v1/campaigns/{(await Cp(r)).Id}{rest}";
        yield return ApiAsync("GET /api/v1/campaigns/", SeesApiCampaign, async (role, r) =>
        {
            await Cp(r);
            return await t.Api[role].GetAsync($"/api/v1/campaigns/?q={Uri.EscapeDataString(Fixture.CampaignName(r))}");
        }, async (_, r, response) => await ItemsHaveAsync(response, (await Cp(r)).Id));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}", SeesApiCampaign, async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, "")));
        yield return Api("POST /api/v1/campaigns/", ManagesApiCampaign,
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/campaigns/", new { unitId = U(r).Id, name = "" }));
        yield return ApiAsync("PUT /api/v1/campaigns/{id:int}", ManagesApiCampaign,
            async (role, r) => await t.Api[role].PutAsJsonAsync(await CampaignPathAsync(r, ""), new { name = "" }));
        // An illegal step (planned → reviewed) answers 409 once the caller may manage: nothing changes.
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/status", ManagesApiCampaign,
            async (role, r) => await t.Api[role].PostAsJsonAsync(await CampaignPathAsync(r, "/status"), new { status = "Reviewed", version = 0 }),
            (_, _, response) => Task.FromResult(Allowed(response) || response.StatusCode == HttpStatusCode.Conflict));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/indicators", SeesApiCampaign,
            async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, "/indicators")), (_, _, response) => JsonArrayNotEmpty(response));
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/indicators", ManagesApiCampaign,
            async (role, r) => await t.Api[role].PostAsJsonAsync(await CampaignPathAsync(r, "/indicators"), new { name = "" }));
        yield return ApiAsync("PUT /api/v1/campaigns/{id:int}/indicators/{indicatorId:int}", ManagesApiCampaign,
            async (role, r) => await t.Api[role].PutAsJsonAsync(await CampaignPathAsync(r, $"/indicators/{(await Cp(r)).Indicator}"), new { name = "" }));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/targets", SeesApiCampaign,
            async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, $"/targets?indicatorId={(await Cp(r)).Indicator}")), (_, _, response) => JsonArrayNotEmpty(response));
        yield return ApiAsync("PUT /api/v1/campaigns/{id:int}/targets", ManagesApiCampaign, async (role, r) => await t.Api[role].PutAsJsonAsync(await CampaignPathAsync(r, "/targets"),
            new { indicatorId = (await Cp(r)).Indicator, targets = new[] { new { unitId = t.ParticipantOf(r).Id, value = -1, version = 0 } } }));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/figures", SeesApiCampaign, async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, "/figures")));
        // A negative figure is refused for its value only once the cell passed the scope checks (campaign, unit, reporter).
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/figures", (role, r) => Has(role, Permission.CampaignsReport) && InScope(role, t.ParticipantOf(r)),
            async (role, r) => await t.Api[role].PostAsJsonAsync(await CampaignPathAsync(r, "/figures"), new
            {
                figures = new[] { new { unitId = t.ParticipantOf(r).Id, indicatorId = (await Cp(r)).Indicator, period = Fixture.CampaignDay(-1), value = -1 } },
            }),
            async (_, _, response) => Allowed(response) && response.StatusCode == HttpStatusCode.BadRequest
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("Figures[0]", out var cell)
                && cell.EnumerateArray().Any(m => m.GetString() == Campaigns.CampaignData.Say("Campaigns_Negative")));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/figures/history", SeesApiCampaign, async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r,
            $"/figures/history?unitId={t.ParticipantOf(r).Id}&indicatorId={(await Cp(r)).Indicator}&period={Fixture.CampaignDay(-1)}")));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/entries", SeesApiCampaign, async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, "/entries")));
        yield return PageAsync("/campaigns/{Id:int}/dashboard", SeesApiCampaign, async (_, r) => $"/campaigns/{(await Cp(r)).Id}/dashboard");
        yield return ApiAsync("GET /campaigns/{id:int}/chart.png", SeesApiCampaign,
            async (role, r) => await t.Pages[role].GetAsync($"/campaigns/{(await Cp(r)).Id}/chart.png"), (_, _, response) => Task.FromResult(IsPng(response)));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/chart.png", SeesApiCampaign,
            async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, "/chart.png")), (_, _, response) => Task.FromResult(IsPng(response)));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/progress", SeesApiCampaign, async (role, r) => await t.Api[role].GetAsync(await CampaignPathAsync(r, "/progress")));
        // A lock after the campaign's end is refused as "not a period" once the caller may manage: nothing is locked.
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/locks", ManagesApiCampaign,
            async (role, r) => await t.Api[role].PostAsJsonAsync(await CampaignPathAsync(r, "/locks"), new { frequency = "Daily", period = Fixture.CampaignDay(30) }));
        yield return ApiAsync("DELETE /api/v1/campaigns/{id:int}/locks", ManagesApiCampaign,
            async (role, r) => await t.Api[role].DeleteAsync(await CampaignPathAsync(r, $"/locks?frequency=Daily&period={Fixture.CampaignDay(30)}")));
        // ---- Campaign figures: the grid, the missing list, a cell's history, the template and the import ----------
        // A campaign is seen by its unit's subtree and by its participants; figures are imported by those who report.
        bool SeesFigureCampaign(Role role, Relation r) => InScope(role, U(r));
        bool ImportsFigures(Role role, Relation r) => Has(role, Permission.CampaignsReport) && SeesFigureCampaign(role, r);
        var figureDay = Campaigns.CampaignData.Iso(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));
        yield return PageAsync("/campaigns/{Id:int}/entries", SeesFigureCampaign, async (_, r) => $"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/entries",
            async (_, r, response) => PageClient.Parse(await response.Content.ReadAsStringAsync())
                .QuerySelector($"main #cell-{(await t.FigureCampaignOfAsync(r)).Village.Id}-{(await t.FigureCampaignOfAsync(r)).IndicatorId}") is not null);
        yield return PageAsync("/campaigns/{Id:int}/entries/history", SeesFigureCampaign, async (_, r) =>
        {
            var (id, indicator, village) = await t.FigureCampaignOfAsync(r);
            return $"/campaigns/{id}/entries/history?unitId={village.Id}&indicatorId={indicator}&period={figureDay}";
        }, ShowsText((_, _) => "3", "table"));
        yield return PageAsync("/campaigns/{Id:int}/missing", SeesFigureCampaign, async (_, r) => $"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/missing?date={figureDay}");
        yield return PageAsync("/campaigns/{Id:int}/import", SeesFigureCampaign, async (_, r) => $"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/import");
        yield return new Case("GET /campaigns/{id:int}/template.xlsx", SeesFigureCampaign, async (role, r) =>
        {
            var response = await t.Pages[role].GetAsync($"/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/template.xlsx?date={figureDay}");
            return Allowed(response) && response.Content.Headers.ContentType?.MediaType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        });
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/template", SeesFigureCampaign,
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/template?date={figureDay}"));
        yield return ApiAsync("GET /api/v1/campaigns/{id:int}/missing", SeesFigureCampaign,
            async (role, r) => await t.Api[role].GetAsync($"/api/v1/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/missing?date={figureDay}"));
        yield return ApiAsync("POST /api/v1/campaigns/{id:int}/import", ImportsFigures, async (role, r) =>
            await t.Api[role].PostAsync($"/api/v1/campaigns/{(await t.FigureCampaignOfAsync(r)).Id}/import",
                new MultipartFormDataContent { { new ByteArrayContent("not a workbook"u8.ToArray()), "file", "so-lieu.xlsx" } }));

        // ---- API: accounts -----------------------------------------------------------------------
        bool ViewAccount(Role role, Relation r) => Has(role, Permission.AccountsView) && InScope(role, U(r));
        bool ManageAccount(Role role, Relation r) => Has(role, Permission.AccountsManage) && InScope(role, U(r));
        yield return new Case("GET /api/v1/me", (_, _) => true, async (role, _) => Allowed(await t.Api[role].GetAsync("/api/v1/me")));
        yield return Api("GET /api/v1/accounts/", ViewAccount,
            (role, r) => t.Api[role].GetAsync($"/api/v1/accounts/?q={Uri.EscapeDataString(t.TargetAccounts[r].Email)}"), (_, _, response) => JsonArrayNotEmpty(response));
        yield return Api("GET /api/v1/accounts/{id:int}", ViewAccount, (role, r) => t.Api[role].GetAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}"));
        yield return Api("POST /api/v1/accounts/", ManageAccount,
            (role, r) => t.Api[role].PostAsJsonAsync("/api/v1/accounts/", new { homeUnitId = U(r).Id, email = "", displayName = "", role = "Viewer", password = "" }));
        yield return Api("PUT /api/v1/accounts/{id:int}", ManageAccount,
            (role, r) => t.Api[role].PutAsJsonAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}", new { email = "", displayName = "" }));
        yield return ApiAsync("POST /api/v1/accounts/{id:int}/disable", ManageAccount,
            async (role, r) => await t.Api[role].PostAsync($"/api/v1/accounts/{(await t.CreateAccountAsync(Role.Viewer, U(r))).Id}/disable", null));
        yield return Api("POST /api/v1/accounts/{id:int}/enable", ManageAccount,
            (role, r) => t.Api[role].PostAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}/enable", null));
        yield return Api("POST /api/v1/accounts/{id:int}/unlock", ManageAccount,
            (role, r) => t.Api[role].PostAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}/unlock", null));
        yield return Api("POST /api/v1/accounts/{id:int}/assignments", ManageAccount,
            (role, r) => t.Api[role].PostAsJsonAsync($"/api/v1/accounts/{t.TargetAccounts[r].Id}/assignments", new { unitId = U(r).Id, role = "Viewer" }));
        yield return ApiAsync("POST /api/v1/accounts/{id:int}/tokens/{tokenId:int}/revoke", ManageAccount, async (role, r) =>
        {
            var account = await t.CreateAccountAsync(Role.Viewer, U(r));
            return await t.Api[role].PostAsync($"/api/v1/accounts/{account.Id}/tokens/{(await t.AddTokenAsync(account.Id)).Id}/revoke", null);
        });
        yield return ApiAsync("DELETE /api/v1/accounts/{id:int}/assignments/{assignmentId:int}", ManageAccount, async (role, r) =>
        {
            var account = await t.CreateAccountAsync(Role.Viewer, U(r));
            var assignmentId = await t.WithDbAsync(db => db.Assignments.Where(a => a.AccountId == account.Id).Select(a => a.Id).SingleAsync());
            return await t.Api[role].DeleteAsync($"/api/v1/accounts/{account.Id}/assignments/{assignmentId}");
        });

        Case Page(string route, Func<Role, Relation, bool> expected, Func<Role, Relation, string> url,
            Func<Role, Relation, HttpResponseMessage, Task<bool>>? classify = null, bool anonymous = false) =>
            PageAsync(route, expected, (role, r) => Task.FromResult(url(role, r)), classify, anonymous);

        Case PageAsync(string route, Func<Role, Relation, bool> expected, Func<Role, Relation, Task<string>> url,
            Func<Role, Relation, HttpResponseMessage, Task<bool>>? classify = null, bool anonymous = false) =>
            new("PAGE " + route, expected, async (role, r) =>
            {
                var response = await t.Pages[role].GetAsync(await url(role, r));
                return classify is null ? Allowed(response) : Allowed(response) && await classify(role, r, response);
            }, anonymous);

        Case Api(string key, Func<Role, Relation, bool> expected, Func<Role, Relation, Task<HttpResponseMessage>> call,
            Func<Role, Relation, HttpResponseMessage, Task<bool>>? classify = null) =>
            ApiAsync(key, expected, call, classify);

        Case ApiAsync(string key, Func<Role, Relation, bool> expected, Func<Role, Relation, Task<HttpResponseMessage>> call,
            Func<Role, Relation, HttpResponseMessage, Task<bool>>? classify = null) =>
            new(key, expected, async (role, r) =>
            {
                var response = await call(role, r);
                return classify is null ? Allowed(response) : await classify(role, r, response);
            });

        Func<Role, Relation, HttpResponseMessage, Task<bool>> LinksTo(Func<Role, Relation, string> href) => async (role, r, response) =>
            PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector($"main a[href='{href(role, r)}']") is not null;

        Func<Role, Relation, HttpResponseMessage, Task<bool>> ShowsText(Func<Role, Relation, string> text, string selector) => async (role, r, response) =>
            PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll($"main {selector} td").Any(td => td.TextContent.Trim() == text(role, r));
    }

    /// <summary>2xx, or 400 from the validation that only runs after the scope check; denials are 401/403/404.</summary>
    private static bool Allowed(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {status}");
        if (status is 302 && response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) == true)
        {
            return false;
        }

        return status is >= 200 and < 300 or 400;
    }

    private static bool IsPng(HttpResponseMessage response) =>
        Allowed(response) && response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "image/png";

    private static async Task<bool> JsonArrayNotEmpty(HttpResponseMessage response)
    {
        if (!Allowed(response) || !response.IsSuccessStatusCode)
        {
            return false;
        }

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("items")).GetArrayLength() > 0;
    }

    /// <summary>A list answered and holds the row with this id (a search can also find the rows of units whose code starts alike).</summary>
    private static async Task<bool> ItemsHaveAsync(HttpResponseMessage response, int id) =>
        Allowed(response) && response.IsSuccessStatusCode
        && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().Any(x => x.GetProperty("id").GetInt32() == id);

    private static async Task<HttpResponseMessage> PostWithTokenAsync(PageClient client, string url, Dictionary<string, string> fields)
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
        var endpoints = fixture.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
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
        return isPage ? $"PAGE {endpoint.RoutePattern.RawText}"
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
                        mismatches.Add($"{@case.Key} as {role} on {relation} ({fixture.UnitOf(relation).Name}): expected {(expected ? "allowed" : "denied")}, was {(actual ? "allowed" : "denied")}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {probes} probes disagree:\n" + string.Join("\n", mismatches));
        Assert.Empty(fixture.Log.Errors);
    }

    [Fact]
    public async Task Without_signing_in_only_public_pages_answer_and_the_API_says_401()
    {
        using var anonymous = fixture.NewPageClient();
        var api = fixture.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        foreach (var @case in Cases().Where(c => !c.Anonymous))
        {
            var parts = @case.Key.Split(' ', 2);
            var path = parts[1].Replace("{Id:int}", fixture.Tree.C1.Id.ToString()).Replace("{id:int}", fixture.Tree.C1.Id.ToString())
                .Replace("{assignmentId:int}", "1").Replace("{indicatorId:int}", "1").Replace("{resultId:int}", "1").Replace("{attachmentId:int}", "1").Replace("{documentId:int}", "1").Replace("{tokenId:int}", "1").Replace("{IndicatorId:int}", "1").Replace("{Action}", "Launch").TrimEnd('/');
            if (path.Length == 0 || path == "/")
            {
                continue; // the home page is public: it shows the public landing
            }

            if (parts[0] == "PAGE")
            {
                var response = await anonymous.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) != true)
                {
                    failures.Add($"{@case.Key}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
            else if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                var method = new HttpMethod(parts[0].Split(',')[0]);
                HttpContent? body = method == HttpMethod.Get ? null
                    : path.EndsWith("/import", StringComparison.Ordinal) || path.EndsWith("/attachments", StringComparison.Ordinal) || path.EndsWith("/documents", StringComparison.Ordinal) ? new MultipartFormDataContent { { new ByteArrayContent([]), "file", "x.csv" } }
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
