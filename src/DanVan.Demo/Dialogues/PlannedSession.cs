using DanVan.Web.Features.Dialogues;
using DanVan.Web.Features.Units;

namespace DanVan.Demo;

/// <summary>A session to insert, where it is, how many petitions it raised and the category they lean to.</summary>
internal sealed record PlannedSession(DialogueSession Row, Unit Unit, int Quota, string? Focus);
