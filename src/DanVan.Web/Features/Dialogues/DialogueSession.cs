using DanVan.Web.Features.Units;
using DanVan.Web.Infrastructure.Auth;
using DanVan.Web.Infrastructure.Data;

namespace DanVan.Web.Features.Dialogues;

/// <summary>The kinds of sessions where a unit meets citizens (DOMAIN.md §3).</summary>
public enum DialogueType
{
    /// <summary>Tiếp công dân định kỳ: the Party committee head's periodic reception day.</summary>
    PeriodicReception = 1,

    /// <summary>Hội nghị đối thoại: the commune People's Committee's conference, Art. 43 of the 2025 local-government
    /// law.</summary>
    DialogueConference = 2,

    AdHocDialogue = 3,

    /// <summary>Thematic dialogue with businesses.</summary>
    BusinessDialogue = 4,
}

public enum DialogueFormat
{
    InPerson = 1,
    Online = 2,
    Both = 3,
}

/// <summary>
/// A dialogue session or reception day of a unit: when, where, who chaired, who took part, what was said and
/// concluded. A dialogue conference carries the dates its notice and its results were published, checked
/// against the 7-day and 10-day rules (<see cref="DialogueRules"/>).
/// </summary>
public sealed class DialogueSession : IUnitStamped, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int? ProvinceId { get; set; }
    public int? CommuneId { get; set; }
    public int? VillageId { get; set; }
    public UnitLevel UnitLevel { get; set; }

    public DialogueType Type { get; set; }
    public DateOnly HeldOn { get; set; }

    /// <summary>Start time, Vietnam time (HH:mm), optional.</summary>
    public TimeOnly? StartsAt { get; set; }

    public DialogueFormat Format { get; set; } = DialogueFormat.InPerson;
    public string? Place { get; set; }
    public string? OnlineLink { get; set; }
    public string Topic { get; set; } = "";

    public string ChairName { get; set; } = "";
    public string? ChairPosition { get; set; }
    public string? ChairOrganization { get; set; }

    /// <summary>Co-chairs, one per line: name, position, organization.</summary>
    public string? CoChairs { get; set; }

    /// <summary>The head of the Party committee received in person (counts towards the reception frequency
    /// rule).</summary>
    public bool HeldByPartyHead { get; set; }

    public int CitizenCount { get; set; }
    public int BusinessCount { get; set; }
    public int OfficialCount { get; set; }

    /// <summary>An optional attendance list, one participant per line (personal data: not in the audit
    /// trail).</summary>
    [AuditRedacted]
    public string? AttendanceList { get; set; }

    public string? Minutes { get; set; }
    public string? Conclusions { get; set; }

    /// <summary>When time, place and content were published (conference: ≥ 7 days before).</summary>
    public DateOnly? NoticePublishedOn { get; set; }

    /// <summary>When the results were published (conference: ≤ 10 days after).</summary>
    public DateOnly? ResultsPublishedOn { get; set; }

    /// <summary>When the sweep reminded the unit that a conference's results are due (once per session).</summary>
    public DateOnly? ResultsReminderOn { get; set; }

    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public UnitRef Ref => UnitScope.ScopeOf(this);
}
