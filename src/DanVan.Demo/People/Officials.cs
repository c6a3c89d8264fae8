namespace DanVan.Demo;

/// <summary>The officials of one unit as they appear on its dialogue records (synthetic, except the demo accounts'
/// names).</summary>
internal sealed record Officials(
    string Secretary,
    string DeputySecretary,
    string Chair,
    string ViceChair,
    string CouncilChair,
    bool SecretaryChairsCouncil
);
