namespace DanVan.Demo;

/// <summary>Who a petition event names: a demo account, a synthetic official, "system" (the sweep) or "anonymous" (the
/// citizen).</summary>
internal sealed record DemoActor(int? AccountId, string Name)
{
    public static readonly DemoActor System = new(null, "system");
    public static readonly DemoActor Citizen = new(null, "anonymous");
}
