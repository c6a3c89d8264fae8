using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DanVan.Tests.Infrastructure;
using DanVan.Web.Features.Campaigns;
using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Documents;
using DanVan.Web.Features.Models;
using DanVan.Web.Features.Notifications;
using DanVan.Web.Features.Organizations;
using DanVan.Web.Features.Petitions;
using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Audit;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Localization;

namespace DanVan.Tests.Localization;

/// <summary>QUALITY.md U4: Vietnamese (default), English and German are complete; formats follow the culture.</summary>
public sealed partial class LocalizationTests(DanVanApp app) : IClassFixture<DanVanApp>
{
    private static readonly string Resources = Repository.PathOf("src", "DanVan.Web", "Resources");

    /// <summary>Keys whose Vietnamese text may equal the English one (names, symbols).</summary>
    private static readonly HashSet<string> SameInBothLanguages =
    [
        "App_Name",
        "Models_Period_Value",
        "Campaigns_Dash_ChartTitle",
        "Enum_FigureSource_Api",
        "Enum_MeasureUnit_Kilometres",
        "Enum_MeasureUnit_SquareMetres",
        // The placeholder of a date field: Vietnamese forms write the pattern the same way (dd/mm/yyyy).
        "Date_Placeholder",
    ];

    private static Dictionary<string, string> Load(string file) =>
        XDocument
            .Load(Path.Combine(Resources, file))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void Every_key_has_a_Vietnamese_and_a_German_text_with_the_same_placeholders()
    {
        var english = Load("SharedResource.resx");
        var failures = new List<string>();
        foreach (var (culture, file) in new[] { ("vi", "SharedResource.vi.resx"), ("de", "SharedResource.de.resx") })
        {
            var other = Load(file);
            failures.AddRange(english.Keys.Except(other.Keys).Select(k => $"{culture}: missing {k}"));
            failures.AddRange(other.Keys.Except(english.Keys).Select(k => $"{culture}: extra {k}"));
            foreach (var (key, text) in english)
            {
                if (!other.TryGetValue(key, out var translated))
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(translated))
                {
                    failures.Add($"{culture}: empty {key}");
                }

                if (!Placeholders(text).SetEquals(Placeholders(translated)))
                {
                    failures.Add($"{culture}: placeholders of {key} differ");
                }

                if (culture == "vi" && translated == text && !SameInBothLanguages.Contains(key))
                {
                    failures.Add($"vi: {key} is still English");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_key_the_code_uses_exists_and_every_enum_value_has_a_name()
    {
        var keys = Load("SharedResource.resx").Keys.ToHashSet();
        var source = Repository.PathOf("src", "DanVan.Web");
        var used = new SortedSet<string>();
        foreach (
            var file in Directory
                .EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
                .Where(f =>
                    (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                    && !f.Contains(
                        $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
                        StringComparison.Ordinal
                    )
                )
        )
        {
            var text = File.ReadAllText(file);
            used.UnionWith(LocalizerKey().Matches(text).Select(m => m.Groups[1].Value));
            used.UnionWith(
                ResourceProperty()
                    .Matches(text)
                    .Select(m => m.Groups[1].Value)
                    .Where(k => k is not ("ResourceManager" or "Culture"))
            );
        }

        foreach (
            var type in new[]
            {
                typeof(UnitKind),
                typeof(UnitLevel),
                typeof(OrganizationType),
                typeof(Role),
                typeof(AuditAction),
                typeof(ImportAction),
                typeof(ModelKind),
                typeof(ModelStatus),
                typeof(RecognitionLevel),
                typeof(CommendationForm),
                typeof(ModelAction),
                typeof(ReplicationStatus),
                typeof(AttachmentType),
                typeof(RubricTarget),
                typeof(ReviewClassification),
                typeof(DialogueType),
                typeof(DialogueFormat),
                typeof(DialogueWarning),
                typeof(PetitionStatus),
                typeof(PetitionChannel),
                typeof(PetitionerKind),
                typeof(RedirectKind),
                typeof(CitizenVerdict),
                typeof(PetitionAction),
                typeof(CampaignStatus),
                typeof(MeasureUnit),
                typeof(Aggregation),
                typeof(IndicatorDirection),
                typeof(ReportingFrequency),
                typeof(FigureSource),
            }
        )
        {
            used.UnionWith(Enum.GetNames(type).Select(n => $"Enum_{type.Name}_{n}"));
        }

        // Keys built from a value: the lifecycle steps' buttons and help, the hints of the registration items.
        used.UnionWith(
            Enum.GetValues<ModelAction>()
                .SelectMany(a => new[] { ModelLifecycle.StepKey(a), ModelLifecycle.StepHelpKey(a) })
        );
        used.UnionWith(
            PetitionLifecycle.Offered.SelectMany(a =>
                new[] { PetitionLifecycle.StepKey(a), PetitionLifecycle.StepHelpKey(a) }
            )
        );
        used.UnionWith(Enum.GetValues<DialogueWarning>().Select(DialogueRules.CheckKey));
        used.UnionWith(
            DanVan.Web.Features.Statistics.StatisticCatalogue.Sections.Select(s =>
                DanVan.Web.Features.Statistics.UnitDashboard.SectionKey(s.Section)
            )
        );
        used.UnionWith(
            keys.Where(k =>
                    k.StartsWith("Field_Model", StringComparison.Ordinal)
                    && !k.EndsWith("_Hint", StringComparison.Ordinal)
                    && k is not ("Field_ModelName" or "Field_ModelKind" or "Field_ModelField")
                )
                .Select(k => k + "_Hint")
        );

        // The sentences of notifications, one per kind, rendered from the kind when shown or e-mailed.
        used.UnionWith(Enum.GetValues<NotificationKind>().Select(NotificationText.KeyOf));

        var missing = used.Where(k => !keys.Contains(k)).ToList();
        Assert.True(used.Count > 300, $"Only {used.Count} keys found: the scan is broken.");
        Assert.True(missing.Count == 0, "Keys used but not defined: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("vi-VN", "28/11/2026", "1.269", "1.269,5")]
    [InlineData("en-GB", "28/11/2026", "1,269", "1,269.5")]
    [InlineData("de-DE", "28.11.2026", "1.269", "1.269,5")]
    public void Dates_and_numbers_follow_the_culture(string culture, string date, string integer, string fraction)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(date, VietnamTime.Format(new DateOnly(2026, 11, 28)));
            Assert.Equal(integer, 1269.ToString("N0", CultureInfo.CurrentCulture));
            Assert.Equal(fraction, 1269.5.ToString("#,##0.0", CultureInfo.CurrentCulture));
            // Stored in UTC, shown in Vietnam time: 17:30 UTC is 00:30 the next day in Hà Nội.
            Assert.StartsWith(
                culture == "de-DE" ? "29.11.2026" : "29/11/2026",
                VietnamTime.Format(new DateTime(2026, 11, 28, 17, 30, 0, DateTimeKind.Utc))
            );
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(null, "vi", "Đơn vị")]
    [InlineData("en-GB", "en", "Units")]
    [InlineData("de-DE", "de", "Einheiten")]
    public async Task Pages_render_in_the_chosen_language_without_untranslated_keys(
        string? culture,
        string lang,
        string unitsNav
    )
    {
        var account = await app.CreateAccountAsync(Role.UnitAdministrator, app.Tree.C1);
        using var client = await app.SignInAsync(account);
        if (culture is not null)
        {
            var switched = await client.GetAsync($"/culture?c={culture}&returnUrl=/units");
            Assert.Equal("/units", switched.Headers.Location?.ToString());
        }

        var officer = await app.ApiClientAsync(await app.CreateAccountAsync(Role.Officer, app.Tree.C1));
        var model = await Models.ModelData.RegisterAsync(app, officer, app.Tree.C1, "Mô hình ngôn ngữ " + lang);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var dialogue = await ApiJson.OkAsync(
            await officer.PostAsJsonAsync(
                "/api/v1/dialogues",
                Petitions.PetitionData.Conference(app.Tree.C1, today.AddDays(-12))
            )
        );
        var petition = await Petitions.PetitionData.RecordAsync(
            officer,
            await Petitions.PetitionData.PetitionAsync(app, app.Tree.V1, today, dialogue.GetProperty("id").GetInt32())
        );
        await app.WithDbAsync(async db =>
        {
            new Notifier(db, TimeProvider.System).Notify(
                [account.Id],
                NotificationKind.PetitionEscalated,
                "KN-2026-0042",
                "/petitions/42",
                urgent: true
            );
            await db.SaveChangesAsync();
        });
        var campaign = await Campaigns.CampaignData.CreateAsync(
            officer,
            new()
            {
                ["unitId"] = app.Tree.C1.Id,
                ["name"] = "Phong trào ngôn ngữ " + lang,
                ["startsOn"] = Campaigns.CampaignData.Iso(today.AddDays(-5)),
                ["endsOn"] = Campaigns.CampaignData.Iso(today.AddDays(25)),
                ["reportingLevel"] = "Village",
            }
        );
        await Campaigns.CampaignData.AddIndicatorAsync(
            officer,
            campaign,
            Campaigns.CampaignData.Indicator(target: 100)
        );
        var campaignId = await Campaigns.CampaignData.CreateAsync(
            officer,
            Campaigns.CampaignData.Campaign(app.Tree.C1, UnitLevel.Village, app.Tree.C1)
        );
        var indicatorId = await Campaigns.CampaignData.AddIndicatorAsync(
            officer,
            campaignId,
            Campaigns.CampaignData.Indicator()
        );
        var campaignDay = Campaigns.CampaignData.Iso(
            today < Campaigns.CampaignData.To ? today : Campaigns.CampaignData.To
        );
        foreach (
            var path in new[]
            {
                $"/campaigns/{campaignId}/entries?unitId={app.Tree.C1.Id}",
                $"/campaigns/{campaignId}/missing",
                $"/campaigns/{campaignId}/entries/history?unitId={app.Tree.V1.Id}&indicatorId={indicatorId}&period={campaignDay}",
                $"/campaigns/{campaignId}/import",
                "/",
                "/units",
                $"/units/{app.Tree.C1.Id}",
                $"/units/{app.Tree.V1.Id}/edit",
                "/units/import",
                "/organizations",
                "/accounts",
                "/accounts/new",
                $"/accounts/{account.Id}",
                "/audit",
                "/account",
                "/account/password",
                "/account/tokens",
                "/account/two-factor",
                "/models",
                $"/models/{model.GetProperty("id").GetInt32()}",
                "/dialogues",
                "/dialogues/reception",
                $"/dialogues/{dialogue.GetProperty("id").GetInt32()}",
                "/petitions",
                "/petitions/dashboard",
                $"/petitions/{petition.GetProperty("id").GetInt32()}",
                "/notifications",
                "/campaigns",
                $"/campaigns/{campaign}",
                $"/campaigns/{campaign}/targets",
            }
        )
        {
            var (response, document) = await client.GetPageAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.Equal(lang, document.DocumentElement.GetAttribute("lang"));
            var text = document.Body!.TextContent;
            var keys = RawKey().Matches(text).Select(m => m.Value).Distinct().ToList();
            Assert.True(keys.Count == 0, $"{path} ({lang}) shows untranslated keys: {string.Join(", ", keys)}");
            Assert.Contains(document.QuerySelectorAll("nav a"), a => a.TextContent.Trim() == unitsNav);
        }
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"L\[""([A-Za-z0-9_]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"SharedResource\.([A-Za-z0-9_]+)")]
    private static partial Regex ResourceProperty();

    [GeneratedRegex(
        @"\b(?:Enum|Val|Field|Units|Accounts|Organizations|Import|Nav|Layout|Common|Home|Audit|Profile|Tokens|TwoFactor|SignIn|Password|Problem|Error|NotFound|Forbidden|Lockout|Conflict|Models|Dialogues|Petitions|Tracking|Notifications|Campaigns|Grid|FigureImport)_[A-Za-z_]+\b"
    )]
    private static partial Regex RawKey();
}
