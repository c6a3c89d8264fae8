namespace DanVan.Demo;

/// <summary>
/// The Vietnamese texts of the demo petitions (Data/petitions.json): subjects without personal data ("{0}" is the
/// place) by category, details, requests, answers and notes.
/// </summary>
internal static class PetitionTexts
{
    private static readonly PetitionsFile Texts = DemoText.Load<PetitionsFile>("petitions");

    public static readonly Dictionary<string, string[]> Titles = Texts.Titles;

    public static readonly Dictionary<string, string[]> BusinessTitles = Texts.BusinessTitles;

    public static readonly Dictionary<string, string[]> Details = Texts.Details;

    public static readonly string[] Requests = Texts.Requests;

    public static readonly Dictionary<string, string[]> Answers = Texts.Answers;

    public static readonly string[] LateExplanations = Texts.LateExplanations;

    public static readonly string[] ExtensionReasons = Texts.ExtensionReasons;

    public static readonly string[] RefusalReasons = Texts.RefusalReasons;

    public static readonly string[] ResolvedNotes = Texts.ResolvedNotes;

    public static readonly string[] ClosingNotes = Texts.ClosingNotes;

    public static readonly string[] ReopenNotes = Texts.ReopenNotes;

    public static readonly string[] NotSatisfied = Texts.NotSatisfied;

    private sealed record PetitionsFile(
        Dictionary<string, string[]> Titles,
        Dictionary<string, string[]> BusinessTitles,
        Dictionary<string, string[]> Details,
        string[] Requests,
        Dictionary<string, string[]> Answers,
        string[] LateExplanations,
        string[] ExtensionReasons,
        string[] RefusalReasons,
        string[] ResolvedNotes,
        string[] ClosingNotes,
        string[] ReopenNotes,
        string[] NotSatisfied
    );
}
