namespace DanVan.Demo;

/// <summary>
/// The Vietnamese texts of the demo sessions (Data/dialogues.json): conference subjects (after "… với Nhân dân về") and
/// ad-hoc topics with the petition category they draw most and where they fit ("any", "commune", "ward", "industrial",
/// "lychee", "former-bac-ninh": the communes of the former Bắc Ninh, on the Ring Road 4 side), the province's ad-hoc
/// topics, and how a category reads in the minutes.
/// </summary>
internal static class DialogueTexts
{
    private static readonly DialoguesFile Texts = DemoText.Load<DialoguesFile>("dialogues");

    public static readonly ConferenceSubject[] ConferenceSubjects = Texts.ConferenceSubjects;

    public static readonly AdHocSubject[] AdHocSubjects = Texts.AdHocSubjects;

    public static readonly ProvinceTopic[] ProvinceAdHoc = Texts.ProvinceAdHoc;

    public static readonly Dictionary<string, string> FocusText = Texts.FocusText;

    public sealed record ConferenceSubject(string Subject, string? Focus, string Where);

    public sealed record AdHocSubject(string Topic, string Focus, string Where);

    public sealed record ProvinceTopic(string Topic, string Focus);

    private sealed record DialoguesFile(
        ConferenceSubject[] ConferenceSubjects,
        AdHocSubject[] AdHocSubjects,
        ProvinceTopic[] ProvinceAdHoc,
        Dictionary<string, string> FocusText
    );
}
